import { STRATEGY_IDS } from './strategies/registry.js';

/**
 * Which strategy ids exist. Other modules (VIP: the level → strategy mapping) depend on this
 * abstract class only; the signals module provides it globally.
 */
export abstract class StrategyCatalog {
  abstract ids(): readonly string[];
  has(id: string): boolean {
    return this.ids().includes(id);
  }
}

export class RegistryStrategyCatalog extends StrategyCatalog {
  ids(): readonly string[] {
    return STRATEGY_IDS;
  }
}
