/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL answers are read as untyped JSON in these tests */
import { getOctokit } from '@actions/github';
import { createFixture, type Fixture } from './fixture.js';

type Octokit = ReturnType<typeof getOctokit>;

describe('emulator GraphQL over GitHub’s published schema', () => {
  let f: Fixture;
  let octokit: Octokit;
  let mainSha: string;
  let featSha: string;
  const gql = <T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}) =>
    octokit.graphql<T>({ query, ...variables, url: f.gh.graphqlUrl });

  beforeAll(async () => {
    f = await createFixture();
    mainSha = await f.commit(
      'main',
      { 'README.md': 'hello\n', '.github/orchestrator.yml': 'version: 1\n' },
      { message: 'initial\n\nwith a body' },
    );
    await f.commit('feat/x', { 'a.txt': 'a\n' }, { message: 'one' });
    featSha = await f.commit('feat/x', { 'b.txt': 'b\n' }, { message: 'two' });
    await f.commit('main', { 'm.txt': 'm\n' }, { message: 'main moves' });
    octokit = getOctokit('t0ken', { baseUrl: f.gh.url });
  });
  afterAll(async () => f.cleanup());

  test('a valid query executes: repository, refs, commit, rateLimit, viewer', async () => {
    const data = await gql<any>(
      `query($owner: String!, $name: String!) {
        rateLimit { cost remaining resetAt }
        viewer { login }
        repository(owner: $owner, name: $name) {
          nameWithOwner
          defaultBranchRef { name target { oid } }
          ref(qualifiedName: "refs/heads/feat/x") {
            name prefix
            target { __typename ... on Commit { oid messageHeadline author { name date } history(first: 10) { totalCount nodes { oid } } } }
          }
          missing: ref(qualifiedName: "refs/heads/nope") { name }
          refs(refPrefix: "refs/heads/", first: 10) { totalCount nodes { name } }
          object(expression: "main:.github/orchestrator.yml") { ... on Blob { text } }
        }
      }`,
      { owner: 'acme', name: 'widgets' },
    );
    expect(data.rateLimit.cost).toBe(1);
    expect(data.viewer.login).toBe('github-actions[bot]');
    expect(data.repository.nameWithOwner).toBe('acme/widgets');
    expect(data.repository.defaultBranchRef.name).toBe('main');
    expect(data.repository.ref).toMatchObject({ name: 'feat/x', prefix: 'refs/heads/' });
    expect(data.repository.ref.target).toMatchObject({
      __typename: 'Commit',
      oid: featSha,
      messageHeadline: 'two',
    });
    expect(data.repository.ref.target.history.totalCount).toBe(3);
    expect(data.repository.ref.target.history.nodes[2].oid).toBe(mainSha);
    expect(data.repository.missing).toBeNull();
    expect(data.repository.refs.nodes.map((n: { name: string }) => n.name)).toEqual(['feat/x', 'main']);
    expect(data.repository.object.text).toBe('version: 1\n');
  });

  test('Ref.compare(headRef) compares the ref AS BASE against headRef', async () => {
    const data = await gql<any>(`{ repository(owner: "acme", name: "widgets") {
      ref(qualifiedName: "feat/x") { toMain: compare(headRef: "main") { aheadBy behindBy status } }
      defaultBranchRef { toWorker: compare(headRef: "feat/x") { aheadBy behindBy status } } } }`);
    // From the worker ref, main is 1 ahead (main's new commit) and 2 behind (the worker's commits).
    expect(data.repository.ref.toMain).toEqual({ aheadBy: 1, behindBy: 2, status: 'DIVERGED' });
    expect(data.repository.defaultBranchRef.toWorker).toEqual({
      aheadBy: 2,
      behindBy: 1,
      status: 'DIVERGED',
    });
  });

  test('a query GitHub would reject is rejected with GitHub-style errors', async () => {
    await expect(gql('{ repository(owner: "acme", name: "widgets") { noSuchField } }')).rejects.toMatchObject(
      {
        errors: [
          {
            message: "Field 'noSuchField' doesn't exist on type 'Repository'",
            extensions: { code: 'undefinedField' },
          },
        ],
      },
    );
    expect(f.gh.unknownRoutes).toEqual([]);
  });

  test('first: 101 and missing first/last are refused like GitHub', async () => {
    await expect(
      gql('{ repository(owner: "acme", name: "widgets") { pullRequests(first: 101) { totalCount } } }'),
    ).rejects.toMatchObject({
      errors: [
        {
          type: 'EXCESSIVE_PAGINATION',
          message:
            'Requesting 101 records on the `pullRequests` connection exceeds the `first` limit of 100 records.',
        },
      ],
    });
    await expect(
      gql(
        'query($n: Int) { repository(owner: "acme", name: "widgets") { pullRequests(last: $n) { totalCount } } }',
        { n: 500 },
      ),
    ).rejects.toMatchObject({
      errors: [{ type: 'EXCESSIVE_PAGINATION' }],
    });
    await expect(
      gql('{ repository(owner: "acme", name: "widgets") { pullRequests { totalCount } } }'),
    ).rejects.toMatchObject({
      errors: [{ type: 'MISSING_PAGINATION_BOUNDARIES' }],
    });
  });

  test('an unimplemented field answers null (or its empty value) and is recorded', async () => {
    const data = await gql<any>(
      '{ repository(owner: "acme", name: "widgets") { name latestRelease { name } codeowners { errors { kind } } } }',
    );
    expect(data.repository).toEqual({ name: 'widgets', latestRelease: null, codeowners: null });
    expect(f.gh.unimplementedFields).toEqual(
      expect.arrayContaining(['Repository.latestRelease', 'Repository.codeowners']),
    );
  });

  test('unknown repository and pull request answer NOT_FOUND errors', async () => {
    await expect(gql('{ repository(owner: "acme", name: "nope") { name } }')).rejects.toMatchObject({
      errors: [{ type: 'NOT_FOUND', path: ['repository'] }],
    });
    await expect(
      gql('{ repository(owner: "acme", name: "widgets") { pullRequest(number: 999) { number } } }'),
    ).rejects.toMatchObject({
      errors: [{ type: 'NOT_FOUND', message: 'Could not resolve to a PullRequest with the number of 999.' }],
    });
  });

  test('statusCheckRollup mixes CheckRun and StatusContext, latest run per name, paginated', async () => {
    f.gh.store.addCheckRun({
      headSha: featSha,
      name: 'build',
      status: 'completed',
      conclusion: 'failure',
      workflowRunId: 501,
    });
    const rerun = f.gh.store.addCheckRun({
      headSha: featSha,
      name: 'build',
      status: 'completed',
      conclusion: 'success',
      workflowRunId: 502,
    });
    f.gh.store.addCheckRun({ headSha: featSha, name: 'lint', status: 'completed', conclusion: 'skipped' });
    f.gh.store.addStatus({ sha: featSha, context: 'ext/ci', state: 'pending' });
    f.gh.store.addStatus({
      sha: featSha,
      context: 'ext/ci',
      state: 'success',
      targetUrl: 'https://ci.example/1',
    });
    const query = `query($after: String) { repository(owner: "acme", name: "widgets") { ref(qualifiedName: "refs/heads/feat/x") { target { ... on Commit {
      statusCheckRollup { state contexts(first: 2, after: $after) { totalCount checkRunCount statusContextCount pageInfo { hasNextPage endCursor }
        nodes { __typename
          ... on CheckRun { name status conclusion detailsUrl databaseId checkSuite { workflowRun { databaseId } } }
          ... on StatusContext { context state targetUrl } } } } } } } } }`;
    const page1 = (await gql<any>(query)).repository.ref.target.statusCheckRollup;
    expect(page1.state).toBe('SUCCESS');
    expect(page1.contexts).toMatchObject({
      totalCount: 3,
      checkRunCount: 2,
      statusContextCount: 1,
      pageInfo: { hasNextPage: true },
    });
    expect(page1.contexts.nodes[0]).toMatchObject({
      __typename: 'CheckRun',
      name: 'build',
      status: 'COMPLETED',
      conclusion: 'SUCCESS',
      databaseId: rerun.id,
      checkSuite: { workflowRun: { databaseId: 502 } },
    });
    const page2 = (await gql<any>(query, { after: page1.contexts.pageInfo.endCursor })).repository.ref.target
      .statusCheckRollup;
    expect(page2.contexts.nodes).toEqual([
      { __typename: 'StatusContext', context: 'ext/ci', state: 'SUCCESS', targetUrl: 'https://ci.example/1' },
    ]);
    expect(page2.contexts.pageInfo.hasNextPage).toBe(false);

    f.gh.store.addCheckRun({ headSha: featSha, name: 'e2e', status: 'in_progress' });
    const pending = (await gql<any>(query)).repository.ref.target.statusCheckRollup;
    expect(pending.state).toBe('PENDING');
    f.gh.store.addStatus({ sha: featSha, context: 'ext/ci', state: 'failure' });
    expect((await gql<any>(query)).repository.ref.target.statusCheckRollup.state).toBe('FAILURE');
    expect(
      (
        await gql<any>(
          `{ repository(owner: "acme", name: "widgets") { object(oid: "${mainSha}") { ... on Commit { statusCheckRollup { state } } } } }`,
        )
      ).repository.object.statusCheckRollup,
    ).toBeNull();
  });

  test('pull requests: fields, associatedPullRequests, reviews and reviewDecision', async () => {
    const pr = f.gh.store.createPullRequest({
      head: 'feat/x',
      base: 'main',
      title: 'Feature X',
      user: 'dev1',
    });
    f.gh.store.addReview({ pullNumber: pr.number, user: 'alice', state: 'APPROVED', commitId: featSha });
    f.gh.store.addReview({
      pullNumber: pr.number,
      user: 'bob',
      state: 'COMMENTED',
      commitId: featSha,
      body: 'hm',
    });
    const query = `{ repository(owner: "acme", name: "widgets") {
      ref(qualifiedName: "refs/heads/feat/x") { associatedPullRequests(first: 5, states: [OPEN]) { totalCount nodes { number } } }
      pullRequest(number: ${pr.number}) { number title state isDraft merged headRefName headRefOid baseRefName isCrossRepository
        reviewDecision mergeable author { login } commits(last: 1) { totalCount nodes { commit { oid } } }
        reviews(first: 10) { totalCount nodes { state author { login } commit { oid } } }
        latestOpinionatedReviews(first: 10) { nodes { state author { login } } } }
      pullRequests(first: 10, states: [OPEN], headRefName: "feat/x") { totalCount } } }`;
    const data = (await gql<any>(query)).repository;
    expect(data.ref.associatedPullRequests).toEqual({ totalCount: 1, nodes: [{ number: pr.number }] });
    expect(data.pullRequest).toMatchObject({
      number: pr.number,
      title: 'Feature X',
      state: 'OPEN',
      isDraft: false,
      merged: false,
      headRefName: 'feat/x',
      headRefOid: featSha,
      baseRefName: 'main',
      isCrossRepository: false,
      reviewDecision: null,
      mergeable: 'MERGEABLE',
      author: { login: 'dev1' },
      commits: { totalCount: 2, nodes: [{ commit: { oid: featSha } }] },
    });
    expect(data.pullRequest.reviews.totalCount).toBe(2);
    expect(data.pullRequest.latestOpinionatedReviews.nodes).toEqual([
      { state: 'APPROVED', author: { login: 'alice' } },
    ]);
    expect(data.pullRequests.totalCount).toBe(1);

    f.gh.store.settings.requiredApprovingReviewCount = 1;
    const decision = `{ repository(owner: "acme", name: "widgets") { pullRequest(number: ${pr.number}) { reviewDecision } } }`;
    expect((await gql<any>(decision)).repository.pullRequest.reviewDecision).toBe('APPROVED');
    f.gh.store.addReview({
      pullNumber: pr.number,
      user: 'carol',
      state: 'CHANGES_REQUESTED',
      commitId: featSha,
      body: 'no',
    });
    expect((await gql<any>(decision)).repository.pullRequest.reviewDecision).toBe('CHANGES_REQUESTED');
    f.gh.store.settings.requiredApprovingReviewCount = 0;
  });
  test('mutations: review (own PR refused), merge pinned to the head, comment', async () => {
    await f.commit('feat/m', { 'm-only.txt': 'm\n' }, { from: 'main' });
    const pr = f.gh.store.createPullRequest({ head: 'feat/m', base: 'main', title: 'M', user: 'dev2' });
    const headSha = (await f.gh.store.git.branchSha('feat/m')) as string;
    const review = await gql<any>(
      'mutation($id: ID!, $oid: GitObjectID) { addPullRequestReview(input: { pullRequestId: $id, event: APPROVE, commitOID: $oid }) { pullRequestReview { state commit { oid } author { login } } } }',
      { id: pr.nodeId, oid: headSha },
    );
    expect(review.addPullRequestReview.pullRequestReview).toEqual({
      state: 'APPROVED',
      commit: { oid: headSha },
      author: { login: 'github-actions' },
    });
    expect(f.gh.store.reviewsOf(pr.number)).toHaveLength(1);

    f.gh.store.setTokenUser('dev2-token', 'dev2');
    const dev2 = getOctokit('dev2-token', { baseUrl: f.gh.url });
    await expect(
      dev2.graphql({
        query:
          'mutation($id: ID!) { addPullRequestReview(input: { pullRequestId: $id, event: APPROVE }) { pullRequestReview { id } } }',
        id: pr.nodeId,
        url: f.gh.graphqlUrl,
      }),
    ).rejects.toMatchObject({
      errors: [{ type: 'UNPROCESSABLE', message: 'Can not approve your own pull request' }],
    });

    const merge =
      'mutation($id: ID!, $oid: GitObjectID) { mergePullRequest(input: { pullRequestId: $id, expectedHeadOid: $oid }) { pullRequest { state merged mergeCommit { parents(first: 2) { nodes { oid } } } } } }';
    await expect(gql(merge, { id: pr.nodeId, oid: mainSha })).rejects.toMatchObject({
      errors: [{ message: 'Head branch was modified. Review and try the merge again.' }],
    });
    const merged = await gql<any>(merge, { id: pr.nodeId, oid: headSha });
    expect(merged.mergePullRequest.pullRequest).toMatchObject({ state: 'MERGED', merged: true });
    expect(merged.mergePullRequest.pullRequest.mergeCommit.parents.nodes[1].oid).toBe(headSha);

    const comment = await gql<any>(
      'mutation($id: ID!) { addComment(input: { subjectId: $id, body: "hello" }) { commentEdge { node { body author { login } } } } }',
      {
        id: pr.nodeId,
      },
    );
    expect(comment.addComment.commentEdge.node).toEqual({
      body: 'hello',
      author: { login: 'github-actions' },
    });
    expect(f.gh.store.commentsOf(pr.number).map((c) => c.body)).toEqual(['hello']);

    // The branch is deleted after the merge: its ref is gone, the merged PR keeps its head.
    await octokit.rest.git.deleteRef({ owner: 'acme', repo: 'widgets', ref: 'heads/feat/m' });
    const after = await gql<any>(`{ repository(owner: "acme", name: "widgets") {
      ref(qualifiedName: "refs/heads/feat/m") { name }
      pullRequests(first: 5, headRefName: "feat/m", states: [MERGED]) { nodes { number headRefOid headRef { name } } } } }`);
    expect(after.repository.ref).toBeNull();
    expect(after.repository.pullRequests.nodes).toEqual([
      { number: pr.number, headRefOid: headSha, headRef: null },
    ]);
  });

  test('review dismissals (REST and GraphQL) are ReviewDismissedEvents in timelineItems', async () => {
    await f.commit('feat/d', { 'd.txt': 'd\n' }, { from: 'main' });
    const pr = f.gh.store.createPullRequest({ head: 'feat/d', base: 'main', user: 'dev3' });
    const ours = f.gh.store.addReview({
      pullNumber: pr.number,
      user: 'github-actions[bot]',
      state: 'APPROVED',
    });
    const alices = f.gh.store.addReview({ pullNumber: pr.number, user: 'alice', state: 'CHANGES_REQUESTED' });
    await octokit.rest.pulls.dismissReview({
      owner: 'acme',
      repo: 'widgets',
      pull_number: pr.number,
      review_id: ours.id,
      message: 'head moved (auto-review: head moved)',
    });
    f.gh.store.setTokenUser('czar-token', 'czar');
    const czar = getOctokit('czar-token', { baseUrl: f.gh.url });
    await czar.graphql({
      query:
        'mutation($id: ID!) { dismissPullRequestReview(input: { pullRequestReviewId: $id, message: "not yet" }) { pullRequestReview { state } } }',
      id: alices.nodeId,
      url: f.gh.graphqlUrl,
    });
    await expect(
      octokit.rest.pulls.dismissReview({
        owner: 'acme',
        repo: 'widgets',
        pull_number: pr.number,
        review_id: ours.id,
        message: 'again',
      }),
    ).rejects.toMatchObject({ status: 422 });

    const data =
      await gql<any>(`{ repository(owner: "acme", name: "widgets") { pullRequest(number: ${pr.number}) {
      reviews(first: 10) { nodes { databaseId state } }
      timelineItems(itemTypes: [REVIEW_DISMISSED_EVENT], last: 100) { totalCount filteredCount nodes { __typename
        ... on ReviewDismissedEvent { dismissalMessage previousReviewState createdAt actor { login } review { databaseId state } } } } } } }`);
    const { reviews, timelineItems } = data.repository.pullRequest;
    expect(reviews.nodes).toEqual([
      { databaseId: ours.id, state: 'DISMISSED' },
      { databaseId: alices.id, state: 'DISMISSED' },
    ]);
    expect(timelineItems).toMatchObject({ totalCount: 2, filteredCount: 2 });
    expect(timelineItems.nodes).toEqual([
      {
        __typename: 'ReviewDismissedEvent',
        dismissalMessage: 'head moved (auto-review: head moved)',
        previousReviewState: 'APPROVED',
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        actor: { login: 'github-actions' },
        review: { databaseId: ours.id, state: 'DISMISSED' },
      },
      expect.objectContaining({
        dismissalMessage: 'not yet',
        previousReviewState: 'CHANGES_REQUESTED',
        actor: { login: 'czar' },
        review: { databaseId: alices.id, state: 'DISMISSED' },
      }),
    ]);
    expect(f.gh.unimplementedFields.filter((k) => k.startsWith('PullRequest.timelineItems'))).toEqual([]);

    // Other item types are not served: empty, and recorded as unimplemented.
    const other =
      await gql<any>(`{ repository(owner: "acme", name: "widgets") { pullRequest(number: ${pr.number}) {
      timelineItems(itemTypes: [LABELED_EVENT], first: 10) { totalCount } } } }`);
    expect(other.repository.pullRequest.timelineItems.totalCount).toBe(0);
    expect(f.gh.unimplementedFields).toContain('PullRequest.timelineItems(itemTypes: LABELED_EVENT)');
  });
});
