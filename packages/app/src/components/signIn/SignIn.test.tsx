import { screen } from '@testing-library/react';
import {
  configApiRef,
  discoveryApiRef,
  gitlabAuthApiRef,
} from '@backstage/core-plugin-api';
import { ConfigReader } from '@backstage/config';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { SignIn } from './SignIn';

const notSignedIn = {
  getBackstageIdentity: async () => undefined,
  getProfile: async () => undefined,
  signIn: jest.fn(),
  signOut: jest.fn(),
  sessionState$: jest.fn(),
  getAccessToken: jest.fn(),
  getIdToken: jest.fn(),
} as any;

function renderSignIn(auth?: { environment: string }) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [discoveryApiRef, mockApis.discovery()],
        // Not signed in to GitLab yet: the page must offer the sign-in.
        [gitlabAuthApiRef, notSignedIn],
        [
          configApiRef,
          new ConfigReader({
            app: { title: 'Test' },
            ...(auth ? { auth } : {}),
          }),
        ],
      ]}
    >
      <SignIn onSignInSuccess={jest.fn()} />
    </TestApiProvider>,
  );
}

describe('SignIn', () => {
  it('offers the guest provider in development', async () => {
    await renderSignIn({ environment: 'development' });
    expect(screen.getByText('Guest')).toBeInTheDocument();
    expect(screen.queryByText('GitLab')).not.toBeInTheDocument();
  });

  it('defaults to development when auth.environment is not set', async () => {
    await renderSignIn();
    expect(screen.getByText('Guest')).toBeInTheDocument();
  });

  it('offers GitLab, and not guest, in production', async () => {
    await renderSignIn({ environment: 'production' });
    expect(screen.getByText('GitLab')).toBeInTheDocument();
    expect(
      screen.getByText('Sign in with your GitLab account'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Guest')).not.toBeInTheDocument();
  });
});
