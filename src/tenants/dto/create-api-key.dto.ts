import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDateString, IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Omittable } from '../../common/validation';
import { SCOPES, type Scope } from '../../common/permissions';

export class CreateApiKeyDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  /** What the key may do; omitted: `["admin"]`, every permission. Give an integration the narrowest that works. */
  @ApiProperty({ enum: SCOPES, isArray: true, required: false, example: ['customers:write', 'events:write'] })
  @Omittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SCOPES.length)
  @IsIn(SCOPES, { each: true, message: `each value in scopes must be one of: ${SCOPES.join(', ')}` })
  scopes?: Scope[];

  /** When the key stops authenticating (in the future); omitted: never. */
  @ApiProperty({ type: 'string', format: 'date-time', required: false })
  @Omittable()
  @IsDateString({ strict: true, strictSeparator: true }, { message: 'expiresAt must be an ISO-8601 date-time' })
  expiresAt?: string;
}
