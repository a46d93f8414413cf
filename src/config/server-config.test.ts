import { describe, expect, it } from 'vitest';
import { loadServerEnv } from './server-config.js';

describe('server environment', () => {
  it('reads webhook secrets per source', () => {
    const env = loadServerEnv({ TANDEM_WEBHOOK_SECRETS: 'hubspot=0123456789abcdef0123, *=fedcba9876543210fedc' });
    expect(env.webhookSecrets).toEqual({ hubspot: '0123456789abcdef0123', '*': 'fedcba9876543210fedc' });
    expect(Object.isFrozen(env)).toBe(true);
  });

  it.each(['hubspot', 'hubspot=short', 'Bad Source=0123456789abcdef0123', '=0123456789abcdef0123'])('refuses %j without echoing it', (value) => {
    expect(() => loadServerEnv({ TANDEM_WEBHOOK_SECRETS: value })).toThrow(/TANDEM_WEBHOOK_SECRETS is a comma-separated list/);
    try {
      loadServerEnv({ TANDEM_WEBHOOK_SECRETS: value });
    } catch (e) {
      expect((e as Error).message).not.toContain('0123456789abcdef');
    }
  });
});
