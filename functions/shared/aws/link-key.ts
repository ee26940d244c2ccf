import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CLIENT_CONFIG } from './client-config.ts';

/**
 * The key that signs customers' links, read once at cold start from the Secrets Manager secret
 * the CDK generated (a long random string; its UTF-8 bytes are the HMAC key). Fails the cold
 * start, with the secret's name, rather than sign links nobody can verify.
 */
export async function awsLinkKey(secretArn: string | undefined): Promise<Uint8Array> {
  if (!secretArn)
    throw new Error("RAPPORT_LINK_KEY_SECRET_ARN is not set: customers' links cannot be signed");
  const client = new SecretsManagerClient(CLIENT_CONFIG);
  try {
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
    if (!SecretString || SecretString.length < 32) {
      throw new Error(`the secret ${secretArn} holds no usable link-signing key`);
    }
    return Buffer.from(SecretString, 'utf8');
  } finally {
    client.destroy();
  }
}
