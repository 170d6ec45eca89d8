import { Transform } from 'class-transformer';
import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn, IsNotEmpty, IsString, MaxLength, MinLength, Validate, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { Omittable } from '../../common/validation';
import { ROLES, type Role } from '../../common/permissions';

/** bcrypt reads only the first 72 bytes of a password: a longer one would be silently cut. */
@ValidatorConstraint({ name: 'maxBytes72' })
class MaxBcryptBytes implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && Buffer.byteLength(value) <= 72;
  }
  defaultMessage(): string {
    return 'password must be at most 72 bytes (UTF-8)';
  }
}

export class CreateConsoleUserDto {
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;

  @IsString()
  @MinLength(8)
  @Validate(MaxBcryptBytes)
  password: string;

  @Omittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;

  /** Omitted: admin. The tenant's first user is always its owner; only an owner makes owners. */
  @ApiProperty({ enum: ROLES, required: false })
  @Omittable()
  @IsIn(ROLES)
  role?: Role;
}

export class UpdateConsoleUserDto {
  @ApiProperty({ enum: ROLES, required: false })
  @Omittable()
  @IsIn(ROLES)
  role?: Role;

  @Omittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;
}
