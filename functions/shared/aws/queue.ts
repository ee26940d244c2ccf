import { SQSClient } from '@aws-sdk/client-sqs';
import { SqsWorkQueue } from '../../adapters/sqs/sqs-work-queue.ts';
import { CLIENT_CONFIG, once } from './client-config.ts';

const client = once(() => new SQSClient(CLIENT_CONFIG));

export const awsQueue = (queueUrl: string) => new SqsWorkQueue(client(), queueUrl);
