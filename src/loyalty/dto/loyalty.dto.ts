import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDateString, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_ID, PageQuery } from '../../common/pagination';
import { Omittable } from '../../common/validation';

const ISO = { strict: true, strictSeparator: true } as const;

export class CreateLevelDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  /** Higher rank = higher level. */
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  rank: number;
}

export class CreateCouponDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ type: 'string', format: 'date-time' })
  @IsDateString(ISO, { message: 'startDate must be an ISO-8601 date-time' })
  startDate: string;

  @ApiProperty({ type: 'string', format: 'date-time' })
  @IsDateString(ISO, { message: 'endDate must be an ISO-8601 date-time' })
  endDate: string;

  /** Codes that may be issued in all; omitted: unlimited. */
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  stock?: number;
}

/** Enrol one customer, or every customer of a group (exactly one of the two). */
export class EnrolDto {
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  customerId?: number;

  @Omittable()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  groupId?: number;

  /** Omitted: the lowest-ranked level. */
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  levelId?: number;
}

export class UpdateMembershipDto {
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  levelId?: number;

  @Omittable()
  @IsInt()
  @Min(0)
  @Max(2_000_000_000)
  points?: number;
}

export class MembershipQueryDto extends PageQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_ID })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  customerId?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_ID })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  levelId?: number;
}

/** 系统发放: to listed memberships, or to every enrolled customer of a group (exactly one). */
export class DispatchCouponDto {
  @Omittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10_000)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(MAX_ID, { each: true })
  membershipIds?: number[];

  @Omittable()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  groupId?: number;
}

export class DrawCouponDto {
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  membershipId: number;
}
