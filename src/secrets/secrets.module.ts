import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigError, Env } from '../config/env';
import { SealedKeysCheck } from './sealed-keys-check';
import { SecretBox } from './secret-box';

/**
 * The SecretBox of SECRETS_KEY (sealing) and SECRETS_KEY_PREVIOUS (opening only). Entrypoints
 * call requireSecretBox() before booting, so a missing key stops the process naming the variable.
 */
export function requireSecretBox(env: Env): SecretBox {
  if (!env.SECRETS_KEY) {
    throw new ConfigError(
      'Invalid environment:\n  SECRETS_KEY: is required to seal and open webhook secrets ' +
        '(32 bytes as hex or base64; `npm run up` generates one into .data/secrets-key)',
    );
  }
  return SecretBox.fromText(env.SECRETS_KEY, env.SECRETS_KEY_PREVIOUS);
}

@Global()
@Module({})
export class SecretsModule {
  static forRoot(env: Env): DynamicModule {
    return {
      module: SecretsModule,
      providers: [{ provide: SecretBox, useFactory: () => requireSecretBox(env) }, SealedKeysCheck],
      exports: [SecretBox],
    };
  }
}
