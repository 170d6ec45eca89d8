import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QuietClock } from './quiet-clock.service';
import { QuietHoursPolicy } from './quiet-hours-policy.service';
import { QuietHoursSetting } from './quiet-hours-setting.entity';
import { QuietHoursService } from './quiet-hours.service';

/** Quiet hours: the settings, their per-message decision (for the delivery engine) and the clock it reads. */
@Module({
  imports: [TypeOrmModule.forFeature([QuietHoursSetting])],
  providers: [QuietHoursService, QuietHoursPolicy, QuietClock],
  exports: [QuietHoursService, QuietHoursPolicy, QuietClock],
})
export class QuietHoursModule {}
