import { SignInPage } from '@backstage/core-components';
import {
  configApiRef,
  gitlabAuthApiRef,
  SignInPageProps,
  useApi,
} from '@backstage/core-plugin-api';

const gitlabProvider = {
  id: 'gitlab-auth-provider',
  title: 'GitLab',
  message: 'Sign in with your GitLab account',
  apiRef: gitlabAuthApiRef,
};

/**
 * Guest sign-in on the embedded defaults (auth.environment: development);
 * GitLab OAuth everywhere else, as configured in app-config.production.yaml.
 */
export const SignIn = (props: SignInPageProps) => {
  const environment =
    useApi(configApiRef).getOptionalString('auth.environment') ?? 'development';
  return environment === 'development' ? (
    <SignInPage {...props} auto providers={['guest']} />
  ) : (
    <SignInPage {...props} auto provider={gitlabProvider} />
  );
};
