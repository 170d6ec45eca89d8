import { IsDefined } from 'class-validator';

export class PreviewCountDto {
  /** A dynamic rule, checked by validateRule (errors name the part: rule.and[1].op). */
  @IsDefined()
  rule: unknown;
}
