import {
  callGitlab,
  describeCall,
  GitlabClient,
} from '@agentic-devops/plugin-gitlab-node';

/**
 * The id of each client's token user (`GET /user`), asked once per client
 * and kept; a failed answer is not kept, so the next call asks again.
 */
export class CurrentUsers {
  readonly #ids = new WeakMap<GitlabClient, Promise<number>>();

  idOf(api: GitlabClient): Promise<number> {
    let id = this.#ids.get(api);
    if (!id) {
      id = callGitlab(describeCall('GET /user', 'the token'), () =>
        api.Users.showCurrentUser(),
      ).then(user => user.id);
      this.#ids.set(api, id);
      id.catch(() => this.#ids.delete(api));
    }
    return id;
  }
}
