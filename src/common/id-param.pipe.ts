import { Injectable, PipeTransform, ArgumentMetadata } from '@nestjs/common';
import { fieldError } from './validation';

/** Numeric route ids: a malformed one is a 400 naming the parameter, never a 500. */
@Injectable()
export class IdParamPipe implements PipeTransform<string, number> {
  transform(value: string, meta: ArgumentMetadata): number {
    const n = Number(value);
    if (!/^\d{1,10}$/.test(value) || !Number.isSafeInteger(n) || n < 1 || n > 2_147_483_647) {
      throw fieldError(meta.data ?? 'id', 'must be a positive integer id');
    }
    return n;
  }
}
