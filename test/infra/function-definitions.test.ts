import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../functions/registry.ts';
import {
  deployedFunction,
  deployedFunctions,
  isObjectSchema,
  placeholderEnvironment,
  requiredKeys,
  synthesizedEnvironment,
} from './support/functions.ts';
import { actionsOf, resourcesOf, statementsForService, statementsOfRole } from './support/iam.ts';
import { removeOutdirs, SYNTH_TIMEOUT_MS, type Synthesized, synthesize } from './support/synth.ts';

/** Set by the CDK's house function for every handler, read by Node, not by a config schema. */
const RUNTIME_VARIABLES = ['NODE_OPTIONS'];

describe('the functions of functions/registry.ts', () => {
  let synth: Synthesized;
  beforeAll(() => {
    synth = synthesize({ context: { 'rapport:sesConfigurationSet': 'rapport-tracking' } });
  }, SYNTH_TIMEOUT_MS);
  afterAll(removeOutdirs);

  const names = FUNCTIONS.map((definition) => definition.name);

  it('deploys one function per registry entry, and no other', () => {
    expect([...deployedFunctions(synth).keys()].sort()).toEqual([...names].sort());
  });

  it.each(FUNCTIONS.map((definition) => [definition.name, definition] as const))(
    'describes %s as its definition does',
    (name, definition) => {
      synth.template.hasResourceProperties('AWS::Lambda::Function', {
        Description: definition.description,
        Role: { 'Fn::GetAtt': [synth.logicalId(deployedFunction(synth, name).role), 'Arn'] },
      });
    },
  );

  it.each(FUNCTIONS.map((definition) => [definition.name, definition] as const))(
    'gives %s an environment its config schema accepts, every required key set',
    (name, definition) => {
      // Prepare
      const schema = definition.config;
      if (!isObjectSchema(schema)) throw new Error(`${name}: the config schema is not an object`);
      const env = placeholderEnvironment(
        synthesizedEnvironment(synth, deployedFunction(synth, name)),
      );

      // Act
      const result = schema.safeParse(env);

      // Assess
      expect(result.error?.issues ?? []).toEqual([]);
      for (const key of requiredKeys(schema)) expect(env).toHaveProperty(key);
    },
  );

  it.each(names)('sets no variable the %s schema does not read', (name) => {
    const definition = FUNCTIONS.find((entry) => entry.name === name);
    if (!definition || !isObjectSchema(definition.config)) throw new Error(name);
    const known = [...Object.keys(definition.config.shape), ...RUNTIME_VARIABLES];
    const variables = Object.keys(synthesizedEnvironment(synth, deployedFunction(synth, name)));
    expect(variables.filter((variable) => !known.includes(variable))).toEqual([]);
  });

  it.each(FUNCTIONS.map((definition) => [definition.name, definition.tableActions] as const))(
    'grants %s exactly the table actions of its definition, on the table and its GSI',
    (name, tableActions) => {
      // Prepare
      const tableArn = { 'Fn::GetAtt': [synth.logicalId(synth.stack.table.table), 'Arn'] };
      const streamArn = { 'Fn::GetAtt': [synth.logicalId(synth.stack.table.table), 'StreamArn'] };
      const role = synth.logicalId(deployedFunction(synth, name).role);

      // Act: every DynamoDB statement except stream reads (which no table action covers)
      const onTable = statementsForService(
        statementsOfRole(synth.template, role),
        'dynamodb',
      ).filter((statement) => JSON.stringify(statement.Resource) !== JSON.stringify(streamArn));

      // Assess
      const granted = new Set(onTable.flatMap(actionsOf));
      expect([...granted].sort()).toEqual(
        tableActions.map((action) => `dynamodb:${action}`).sort(),
      );
      for (const statement of onTable) {
        expect(resourcesOf(statement)).toEqual([
          tableArn,
          { 'Fn::Join': ['', [tableArn, '/index/GSI1']] },
        ]);
      }
    },
  );

  it('lets only the event publisher read the table stream', () => {
    const streamArn = { 'Fn::GetAtt': [synth.logicalId(synth.stack.table.table), 'StreamArn'] };
    for (const name of names) {
      const role = synth.logicalId(deployedFunction(synth, name).role);
      const streamStatements = statementsForService(
        statementsOfRole(synth.template, role),
        'dynamodb',
      ).filter((statement) => JSON.stringify(statement.Resource) === JSON.stringify(streamArn));
      const actions = streamStatements.flatMap(actionsOf);
      if (name === 'event-publisher') {
        expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetRecords']));
        expect(actions.every((action) => /^dynamodb:(Describe|Get|List)/.test(action))).toBe(true);
      } else {
        expect(actions).toEqual([]);
      }
    }
  });
});
