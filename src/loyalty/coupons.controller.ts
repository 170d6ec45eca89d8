import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IdParamPipe } from '../common/id-param.pipe';
import { PageQuery } from '../common/pagination';
import { fieldError } from '../common/validation';
import { CurrentTenant, Requires } from '../common/auth.decorators';
import type { TenantRef } from '../common/tenant-ref';
import { CouponsService } from './coupons.service';
import { CreateCouponDto, DispatchCouponDto, DrawCouponDto } from './dto/loyalty.dto';
import { CouponCodePage, CouponCodeView, CouponPage, CouponView, DispatchReport } from './dto/loyalty-view.dto';

const CODE = /^[A-Za-z0-9 -]{4,40}$/;

@ApiTags('loyalty')
@ApiBearerAuth()
@Controller('api/loyalty')
export class CouponsController {
  constructor(private readonly coupons: CouponsService) {}

  @Post('coupons')
  @Requires('loyalty:write')
  @ApiOperation({ summary: 'Create a coupon: valid from startDate to endDate, with an optional stock of codes' })
  create(@CurrentTenant() tenant: TenantRef, @Body() dto: CreateCouponDto): Promise<CouponView> {
    return this.coupons.create(tenant, dto);
  }

  @Get('coupons')
  @Requires('loyalty:read')
  @ApiOperation({ summary: 'List coupons, oldest first' })
  list(@CurrentTenant() tenant: TenantRef, @Query() query: PageQuery): Promise<CouponPage> {
    return this.coupons.list(tenant, query);
  }

  @Get('coupons/:id')
  @Requires('loyalty:read')
  @ApiOperation({ summary: 'Get a coupon, with how many codes it issued' })
  get(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number): Promise<CouponView> {
    return this.coupons.get(tenant, id);
  }

  @Get('coupons/:id/codes')
  @Requires('loyalty:read')
  @ApiOperation({ summary: "A coupon's codes, oldest first: who holds each, how it was issued, when it was redeemed" })
  codes(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Query() query: PageQuery): Promise<CouponCodePage> {
    return this.coupons.codes(tenant, id, query);
  }

  @Post('coupons/:id/dispatch')
  @Requires('loyalty:write')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Dispatch (系统发放) to `{membershipIds}` or `{groupId}`: one batchId, one code and one event per membership',
    description: 'Holders are skipped and the stock is respected: the report counts both. 404: no such coupon or group.',
  })
  @ApiOkResponse({ type: DispatchReport })
  @ApiResponse({ status: 409, description: 'The coupon expired (coupon_expired)' })
  dispatch(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Body() dto: DispatchCouponDto): Promise<DispatchReport> {
    return this.coupons.dispatch(tenant, id, dto);
  }

  @Post('coupons/:id/draw')
  @Requires('loyalty:write')
  @ApiOperation({ summary: 'Draw (领取): one member takes one code of the coupon', description: '404: no such coupon or membership.' })
  @ApiCreatedResponse({ type: CouponCodeView })
  @ApiResponse({
    status: 409,
    description: 'The member holds a code of it already (coupon_already_held), it is out of stock (coupon_out_of_stock) or expired (coupon_expired)',
  })
  draw(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Body() dto: DrawCouponDto): Promise<CouponCodeView> {
    return this.coupons.draw(tenant, id, dto.membershipId);
  }

  @Post('codes/:code/redeem')
  @Requires('loyalty:write')
  @HttpCode(200)
  @ApiOperation({ summary: "Redeem (核销) a code, once, inside its coupon's validity window" })
  @ApiParam({ name: 'code', description: 'The code, in any case, with or without spaces and dashes', schema: { type: 'string', pattern: CODE.source } })
  @ApiOkResponse({ type: CouponCodeView })
  @ApiResponse({
    status: 409,
    description: 'Redeemed already (coupon_code_redeemed), not valid yet (coupon_code_not_yet_valid) or expired (coupon_code_expired)',
  })
  redeem(@CurrentTenant() tenant: TenantRef, @Param('code') code: string): Promise<CouponCodeView> {
    if (!CODE.test(code)) throw fieldError('code', 'must be a coupon code (letters and digits)', 'matches');
    return this.coupons.redeem(tenant, code);
  }
}
