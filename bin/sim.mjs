#!/usr/bin/env node
// Entry point: registers tsx so the CLI and users' own model files (.ts) run without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
