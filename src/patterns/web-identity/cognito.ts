import { Token, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { BoundWebIdentityProvider } from './binding';
import { WEB_IDENTITY_ACTION } from './oidc-trust';
import { CognitoIdentityPoolProviderProps } from './provider-props';
import { PropErrors } from '../prop-errors';

const IDENTITY_POOL = /^[a-z]{2}(-[a-z]+)+-\d:[0-9a-f-]{36}$/;

/** The trust of a Cognito identity pool's identities. */
export function bindCognito(props: CognitoIdentityPoolProviderProps, _scope: Construct, _id: string, errors: PropErrors): BoundWebIdentityProvider {
  errors.checkPattern('provider.identityPoolId', props.identityPoolId, IDENTITY_POOL,
    'an identity pool id is the region, a colon and a UUID, such as "eu-west-1:11111111-2222-3333-4444-555555555555"');
  const amr = props.unauthenticated ? 'unauthenticated' : 'authenticated';
  return {
    principal: new iam.FederatedPrincipal('cognito-identity.amazonaws.com', {
      'StringEquals': { 'cognito-identity.amazonaws.com:aud': props.identityPoolId },
      'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': amr },
    }, WEB_IDENTITY_ACTION),
    identityVariable: '${cognito-identity.amazonaws.com:sub}',
    sessionTagsSupported: true, // principal tags mapped from the identity provider's claims (Cognito attributes for access control)
    description: `${amr} identities of Cognito identity pool ${Token.isUnresolved(props.identityPoolId) ? '' : props.identityPoolId}`.trim(),
  };
}
