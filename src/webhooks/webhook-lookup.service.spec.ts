import { NotFoundException } from '@nestjs/common';
import { WebhookLookup } from './webhook-lookup.service';
import type { WebhooksService, WebhookWithSecrets } from './webhooks.service';

describe('WebhookLookup', () => {
  it('callers missing together share one load; the answer is then cached', async () => {
    const hook = { id: 7, tenantId: 1 } as WebhookWithSecrets;
    const findWithSecrets = jest.fn(() => new Promise((r) => setTimeout(() => r(hook), 5)));
    const lookup = new WebhookLookup({ findWithSecrets } as unknown as WebhooksService);
    const got = await Promise.all(Array.from({ length: 20 }, () => lookup.get(1, 7)));
    expect(got.every((w) => w === hook)).toBe(true);
    expect(await lookup.get(1, 7)).toBe(hook);
    expect(findWithSecrets).toHaveBeenCalledTimes(1);
  });

  it('a deleted webhook is null (cached); an error is thrown to every caller and not cached', async () => {
    const findWithSecrets = jest.fn().mockRejectedValueOnce(new Error('db down')).mockRejectedValueOnce(new NotFoundException()).mockResolvedValue({ id: 8 });
    const lookup = new WebhookLookup({ findWithSecrets } as unknown as WebhooksService);
    await expect(Promise.all([lookup.get(1, 8), lookup.get(1, 8)])).rejects.toThrow('db down');
    expect(await lookup.get(1, 8)).toBeNull();
    expect(await lookup.get(1, 8)).toBeNull();
    expect(findWithSecrets).toHaveBeenCalledTimes(2);
  });
});
