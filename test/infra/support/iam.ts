import type { Template } from 'aws-cdk-lib/assertions';

export interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

export const actionsOf = (statement: Statement): string[] => asArray(statement.Action);
export const resourcesOf = (statement: Statement): unknown[] => asArray(statement.Resource);

/** Every Allow statement of every policy attached to the role (inline policy resources). */
export function statementsOfRole(template: Template, roleLogicalId: string): Statement[] {
  const policies = template.findResources('AWS::IAM::Policy');
  return Object.values(policies)
    .filter((policy) =>
      (policy.Properties.Roles as unknown[]).some(
        (role) => JSON.stringify(role) === JSON.stringify({ Ref: roleLogicalId }),
      ),
    )
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[])
    .filter((statement) => statement.Effect === 'Allow');
}

/** The statements that allow any action of the service, e.g. `ses`. */
export function statementsForService(statements: Statement[], service: string): Statement[] {
  return statements.filter((statement) =>
    actionsOf(statement).some((action) => action.startsWith(`${service}:`)),
  );
}
