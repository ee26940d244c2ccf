#!/usr/bin/env node
// `npm start`: checks the prerequisites, then runs the local runtime in this same process (tsx's
// loader registered here rather than a `tsx` child), so signals and the process tree stay simple:
// npm -> sh -> this process -> DynamoDB Local's guardian -> java.
import { exitOnProblems, prerequisiteProblems } from './prerequisites.mjs';

exitOnProblems(prerequisiteProblems());
const { register } = await import('tsx/esm/api');
register();
await import('../local/main.ts');
