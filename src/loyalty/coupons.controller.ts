import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IdParamPipe } from '../common/id-param.pipe';
import { PageQuery } from '../common/pagination';
import { fieldError } from '../common/validation';
import { CurrentTenant } from '../tenants/auth.decorators';
import type { TenantRef } from '../tenants/tenant-ref';
import { CouponsService } from './coupons.service';
import { CreateCouponDto, DispatchCouponDto, DrawCouponDto } from './dto/loyalty.dto';

@ApiTags('loyalty')
@ApiBearerAuth()
@Controller('api/loyalty')
export class CouponsController {
  constructor(private readonly coupons: CouponsService) {}

  @Post('coupons')
  create(@CurrentTenant() tenant: TenantRef, @Body() dto: CreateCouponDto) {
    return this.coupons.create(tenant, dto);
  }

  @Get('coupons')
  list(@CurrentTenant() tenant: TenantRef, @Query() query: PageQuery) {
    return this.coupons.list(tenant, query);
  }

  @Get('coupons/:id')
  get(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number) {
    return this.coupons.get(tenant, id);
  }

  @Get('coupons/:id/codes')
  codes(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Query() query: PageQuery) {
    return this.coupons.codes(tenant, id, query);
  }

  /** 系统发放 to `{membershipIds}` or `{groupId}`: one batchId, one event per membership. */
  @Post('coupons/:id/dispatch')
  @HttpCode(200)
  dispatch(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Body() dto: DispatchCouponDto) {
    return this.coupons.dispatch(tenant, id, dto);
  }

  /** 领取 */
  @Post('coupons/:id/draw')
  draw(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Body() dto: DrawCouponDto) {
    return this.coupons.draw(tenant, id, dto.membershipId);
  }

  /** 核销 */
  @Post('codes/:code/redeem')
  @HttpCode(200)
  redeem(@CurrentTenant() tenant: TenantRef, @Param('code') code: string) {
    if (!/^[A-Za-z0-9 -]{4,40}$/.test(code)) throw fieldError('code', 'must be a coupon code (letters and digits)');
    return this.coupons.redeem(tenant, code);
  }
}
