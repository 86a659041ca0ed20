import { Unknown } from '../values/Unknown';
import { policyDocumentJson, renderPolicyDocument } from './policyDocument';

describe('renderPolicyDocument', () => {
  it('renders statement blocks as IAM JSON, as the provider does', () => {
    const document = renderPolicyDocument({
      statement: [
        {
          sid: 'Public',
          actions: ['s3:GetObject'],
          resources: ['arn:aws:s3:::site/*'],
          principals: [{ type: '*', identifiers: ['*'] }],
        },
        {
          effect: 'Deny',
          actions: ['s3:*'],
          resources: ['arn:aws:s3:::site/*'],
          principals: [
            { type: 'AWS', identifiers: ['arn:aws:iam::1:root'] },
            { type: 'AWS', identifiers: ['arn:aws:iam::2:root'] },
          ],
          condition: [
            {
              test: 'Bool',
              variable: 'aws:SecureTransport',
              values: ['false'],
            },
          ],
        },
      ],
    });
    expect(JSON.parse(policyDocumentJson(document) as string)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'Public',
          Effect: 'Allow',
          Action: ['s3:GetObject'],
          Resource: ['arn:aws:s3:::site/*'],
          Principal: '*',
        },
        {
          Effect: 'Deny',
          Action: ['s3:*'],
          Resource: ['arn:aws:s3:::site/*'],
          Principal: { AWS: ['arn:aws:iam::1:root', 'arn:aws:iam::2:root'] },
          Condition: { Bool: { 'aws:SecureTransport': ['false'] } },
        },
      ],
    });
  });

  it('merges source documents first and override documents by Sid', () => {
    const source = JSON.stringify({
      Statement: [
        {
          Sid: 'Keep',
          Effect: 'Allow',
          Action: 'sqs:SendMessage',
          Resource: '*',
        },
        { Sid: 'Replace', Effect: 'Allow', Action: '*', Resource: '*' },
      ],
    });
    const override = JSON.stringify({
      Statement: {
        Sid: 'Replace',
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: '*',
      },
    });
    const document = renderPolicyDocument({
      source_policy_documents: [source],
      override_policy_documents: [override],
      statement: [{ sid: 'Own', actions: ['sns:Publish'], resources: ['*'] }],
    }) as { Statement: Array<{ Sid: string; Action: unknown }> };
    expect(document.Statement.map(s => [s.Sid, s.Action])).toEqual([
      ['Keep', 'sqs:SendMessage'],
      ['Replace', 's3:GetObject'],
      ['Own', ['sns:Publish']],
    ]);
  });

  it('gives an unknown .json that keeps the known structure', () => {
    const arn = new Unknown('only known after apply', {
      computed: 'aws_s3_bucket.b.arn',
    });
    const json = policyDocumentJson(
      renderPolicyDocument({
        statement: [{ actions: ['s3:*'], resources: [arn] }],
      }),
    ) as Unknown;
    expect(json).toBeInstanceOf(Unknown);
    expect(json.partial).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['s3:*'], Resource: [arn] }],
    });
  });
});
