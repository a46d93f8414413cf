import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TandemError } from '../domain/errors.js';
import { DEFAULT_SOURCING } from '../domain/sourcing-config.js';
import { DEFAULT_FUNNEL_MODEL_PATH, parseFunnelModel } from './load-funnel-model.js';

const base = readFileSync(DEFAULT_FUNNEL_MODEL_PATH, 'utf8').replace(/\nsourcing:[\s\S]*?(?=\nstages:)/, '');

function withSourcing(section: string): string {
  return base.replace(/\nstages:/, `\n${section.trim()}\nstages:`);
}

describe('the sourcing section of a funnel model', () => {
  it('is optional: without it every default applies', () => {
    expect(parseFunnelModel(base, 'funnel.yaml').sourcing).toEqual(DEFAULT_SOURCING);
  });

  it('the bundled default model spells out the defaults (the file and the code agree)', () => {
    expect(parseFunnelModel(readFileSync(DEFAULT_FUNNEL_MODEL_PATH, 'utf8'), 'funnel.default.yaml').sourcing).toEqual(DEFAULT_SOURCING);
  });

  it('overrides what it names and keeps the rest; maps merge into the defaults', () => {
    const model = parseFunnelModel(
      withSourcing(`
sourcing:
  sourced: [original-source]
  otherwise: sales
  touches:
    teams:
      systems: { my-crm: sales }
      rules:
        - { campaign: [Partner summit], team: partner }
  originalSource:
    partner: [Reseller]
  halfLifeDays: 14
`),
      'funnel.yaml',
    );
    const s = model.sourcing!;
    expect(s.sourced).toEqual(['original-source']);
    expect(s.otherwise).toBe('sales');
    expect(s.touches.teams.systems).toMatchObject({ 'my-crm': 'sales', hubspot: 'marketing' });
    expect(s.touches.teams.rules).toEqual([{ campaign: ['Partner summit'], team: 'partner' }]);
    expect(s.originalSource.partner).toEqual(['Reseller']);
    expect(s.originalSource.marketing).toEqual(DEFAULT_SOURCING.originalSource.marketing);
    expect(s.halfLifeDays).toBe(14);
    expect(s.touches.types).toEqual(DEFAULT_SOURCING.touches.types);
  });

  it('rejects a bad value naming the file, the line and the field', () => {
    const text = withSourcing(`
sourcing:
  touches:
    teams:
      systems: { hubspot: marketers }
`);
    const line = text.split('\n').findIndex((l) => l.includes('marketers')) + 1;
    try {
      parseFunnelModel(text, 'funnel.yaml');
      expect.fail('should have thrown');
    } catch (e) {
      expect(e).toBeInstanceOf(TandemError);
      const err = e as TandemError;
      expect(err.code).toBe('CONFIG_INVALID');
      expect(err.message).toContain(`funnel.yaml:${line}`);
      expect(err.message).toContain('sourcing.touches.teams.systems.hubspot');
    }
  });

  it('rejects a team rule without any condition and an unknown sourcing rule', () => {
    expect(() => parseFunnelModel(withSourcing('sourcing:\n  touches:\n    teams:\n      rules:\n        - { team: sales }'), 'f.yaml')).toThrow(/at least one of system, type, channel, campaign/);
    expect(() => parseFunnelModel(withSourcing('sourcing:\n  sourced: [last-touch]'), 'f.yaml')).toThrow(/sourcing\.sourced\.0/);
  });
});
