import { IssuedApiKeyView } from './api-key-view.dto';

export class TenantView {
  id!: number;
  name!: string;
  createdAt!: Date;
}

/** A new tenant and its first API key (shown once). */
export class CreatedTenantView {
  tenant!: TenantView;
  apiKey!: IssuedApiKeyView;
}
