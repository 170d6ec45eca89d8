import { DynamicModule, Global, Module } from '@nestjs/common';
import { Env } from './env';

/** Provides the validated Env; entrypoints load it from process.env, tests build their own. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(env: Env): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: Env, useValue: env }], exports: [Env] };
  }
}
