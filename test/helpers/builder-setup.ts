// Before each test file of a build project (vitest.config.ts): the tool and the helpers build with
// this project's builder, as a user selects a client, through OEP45_DOCKER.

import { projectBuilder } from './builders.js';

const builder = projectBuilder();
if (builder?.client) process.env.OEP45_DOCKER = builder.client;
