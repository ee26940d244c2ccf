import { Validations } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/**
 * The key that signs customers' links (the preferences page, one-click unsubscribe): a long random
 * string Secrets Manager generates at deploy, read once per cold start by the functions that sign
 * or verify links (functions/shared/aws/link-key.ts). It never appears in a template or a log.
 */
export class LinkSigningKey extends Construct {
  public readonly secret: Secret;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.secret = new Secret(this, 'Secret', {
      description: "Signs Rapport customers' preferences and unsubscribe links",
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Links in sent messages must keep working for their lifetime (30 days by default); ' +
        'rotating this key would break every link in flight. Replace it by hand (update the ' +
        'secret) only when it is compromised, which invalidates the links already sent.',
    });
  }

  /** Read access for a function, and the environment variable that names the secret. */
  grantRead(grantee: IGrantable): Record<string, string> {
    this.secret.grantRead(grantee);
    return { RAPPORT_LINK_KEY_SECRET_ARN: this.secret.secretArn };
  }
}
