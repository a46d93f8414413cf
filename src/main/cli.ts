#!/usr/bin/env node
import { runCli } from '../cli/program.js';
import { loadRuntimeConfig } from '../config/runtime-config.js';
import { openServices, storeAdmin } from './services.js';

const config = loadRuntimeConfig();
const code = await runCli(process.argv.slice(2), { open: openServices, admin: storeAdmin, defaultDb: config.db, debug: config.debug });
process.exitCode = code;
