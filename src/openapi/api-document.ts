import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { HERALD_VERSION } from '../common/version';
import { completeDocument } from './complete-document';
import { ErrorResponseDto } from './error-response.dto';

let metadataLoaded: Promise<void> | undefined;

/**
 * The swagger plugin's view of the DTOs (property types, optionality, class-validator rules),
 * generated into src/metadata.ts by `npm run api:generate`, so the document is the same under
 * tsc, SWC (jest) and ts-node.
 */
export function loadApiMetadata(): Promise<void> {
  metadataLoaded ??= SwaggerModule.loadPluginMetadata(async () => (await import('../metadata')).default());
  return metadataLoaded;
}

/** The OpenAPI document of this app: what /api/docs serves and `npm run api:generate` writes. Call loadApiMetadata() first. */
export function buildApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Herald API')
    .setDescription(
      'Webhook broadcast platform for marketing automation. Every error answer is an `ErrorResponseDto` with a stable `code`; ' +
        'lists are keyset pages `{items, nextCursor}`.',
    )
    .setVersion(HERALD_VERSION)
    .build();
  const doc = SwaggerModule.createDocument(app, config, { extraModels: [ErrorResponseDto] });
  return completeDocument(doc) as OpenAPIObject;
}
