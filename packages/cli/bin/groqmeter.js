#!/usr/bin/env node
// Committed, so that installing the workspace links this bin before anything is built; the CLI is in dist/.
import '../dist/cli.js';
