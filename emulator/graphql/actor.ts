import { isBotLogin, nodeIdFor } from '../model.js';
import { userId } from '../rest/shapes.js';
import type { GqlContext } from './context.js';

/** A User or Bot (Actor) by login. */
export function actorNode(g: GqlContext, login: string, as?: 'User') {
  const id = userId(login);
  const bot = isBotLogin(login) && as !== 'User';
  const url = `${g.ctx.htmlUrl}/${bot ? `apps/${login.replace('[bot]', '')}` : login}`;
  return {
    __typename: bot ? 'Bot' : 'User',
    id: nodeIdFor(bot ? 'BOT' : 'U', id),
    databaseId: id,
    login: bot ? login.replace(/\[bot\]$/, '') : login,
    name: login,
    email: '',
    url,
    resourcePath: new URL(url).pathname,
    avatarUrl: () => `${g.ctx.htmlUrl}/avatars/u/${id}`,
    createdAt: '2020-01-01T00:00:00Z',
    updatedAt: '2020-01-01T00:00:00Z',
    isViewer: login === g.login,
    isSiteAdmin: false,
    company: null,
    bio: null,
    location: null,
  };
}

/** The repository owner (an Organization). */
export function ownerNode(g: GqlContext) {
  const id = userId(g.ctx.owner);
  return {
    __typename: 'Organization',
    id: nodeIdFor('O', id),
    databaseId: id,
    login: g.ctx.owner,
    name: g.ctx.owner,
    url: `${g.ctx.htmlUrl}/${g.ctx.owner}`,
    resourcePath: `/${g.ctx.owner}`,
    avatarUrl: () => `${g.ctx.htmlUrl}/avatars/u/${id}`,
  };
}
