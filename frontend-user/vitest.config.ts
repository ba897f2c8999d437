import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config.ts';
import { spaTestConfig } from '../frontend-common/vite.shared.ts';

export default mergeConfig(viteConfig, defineConfig({ test: spaTestConfig }));
