// Drives the official OpenFGA JavaScript SDK against a TypedFga server and prints what it saw as one JSON
// object on stdout. The C# test (JsSdkTests) starts the server, runs this script with node, and asserts on
// the output. Usage: FGA_API_URL=http://127.0.0.1:PORT [FGA_API_TOKEN=key] node sdk-scenario.js
"use strict";

const { OpenFgaClient, CredentialsMethod, ClientWriteRequestOnDuplicateWrites, ClientWriteRequestOnMissingDeletes } = require("@openfga/sdk");

const apiUrl = process.env.FGA_API_URL;
if (!apiUrl) {
  console.error("FGA_API_URL is not set");
  process.exit(2);
}

const credentials = process.env.FGA_API_TOKEN
  ? { method: CredentialsMethod.ApiToken, config: { token: process.env.FGA_API_TOKEN } }
  : undefined;

const model = {
  schema_version: "1.1",
  type_definitions: [
    { type: "user" },
    {
      type: "group",
      relations: { member: { this: {} } },
      metadata: { relations: { member: { directly_related_user_types: [{ type: "user" }] } } },
    },
    {
      type: "document",
      relations: {
        owner: { this: {} },
        viewer: { union: { child: [{ this: {} }, { computedUserset: { relation: "owner" } }] } },
      },
      metadata: {
        relations: {
          owner: { directly_related_user_types: [{ type: "user" }] },
          viewer: { directly_related_user_types: [{ type: "user" }, { type: "group", relation: "member" }] },
        },
      },
    },
  ],
};

function describeError(error) {
  return {
    name: error.name,
    statusCode: error.statusCode,
    apiErrorCode: error.apiErrorCode,
    apiErrorMessage: error.apiErrorMessage,
  };
}

async function main() {
  const out = {};
  const admin = new OpenFgaClient({ apiUrl, credentials });

  const store = await admin.createStore({ name: "js-sdk-store" });
  out.store = { id: store.id, name: store.name, createdAt: store.created_at };

  const client = new OpenFgaClient({ apiUrl, storeId: store.id, credentials });
  out.getStore = (await client.getStore()).name;

  const written = await client.writeAuthorizationModel(model);
  out.modelId = written.authorization_model_id;
  const opts = { authorizationModelId: out.modelId };

  const readModel = await client.readAuthorizationModel(opts);
  out.readModelTypes = readModel.authorization_model.type_definitions.map((t) => t.type);

  await client.write(
    {
      writes: [
        { user: "user:anne", relation: "owner", object: "document:roadmap" },
        { user: "user:bob", relation: "viewer", object: "document:roadmap" },
        { user: "user:carl", relation: "viewer", object: "document:budget" },
        { user: "group:eng#member", relation: "viewer", object: "document:plan" },
        { user: "user:dana", relation: "member", object: "group:eng" },
      ],
    },
    opts,
  );

  // Writing an existing tuple again and deleting a missing one are no-ops with the conflict options.
  await client.write(
    {
      writes: [{ user: "user:anne", relation: "owner", object: "document:roadmap" }],
      deletes: [{ user: "user:nobody", relation: "viewer", object: "document:roadmap" }],
    },
    {
      ...opts,
      conflict: {
        onDuplicateWrites: ClientWriteRequestOnDuplicateWrites.Ignore,
        onMissingDeletes: ClientWriteRequestOnMissingDeletes.Ignore,
      },
    },
  );

  await client.deleteTuples([{ user: "user:carl", relation: "viewer", object: "document:budget" }], opts);

  try {
    await client.writeTuples([{ user: "user:anne", relation: "owner", object: "document:roadmap" }], opts);
    out.duplicateWriteError = null;
  } catch (error) {
    out.duplicateWriteError = describeError(error);
  }

  out.checks = {
    anneViewsRoadmap: (await client.check({ user: "user:anne", relation: "viewer", object: "document:roadmap" }, opts)).allowed,
    carlViewsBudget: (await client.check({ user: "user:carl", relation: "viewer", object: "document:budget" }, opts)).allowed,
    danaViewsPlan: (await client.check({ user: "user:dana", relation: "viewer", object: "document:plan" }, opts)).allowed,
    erinViewsPlanContextually: (await client.check({
      user: "user:erin",
      relation: "viewer",
      object: "document:plan",
      contextualTuples: [{ user: "user:erin", relation: "member", object: "group:eng" }],
    }, opts)).allowed,
  };

  const batch = await client.batchCheck(
    {
      checks: [
        { user: "user:anne", relation: "owner", object: "document:roadmap", correlationId: "anne-owner" },
        { user: "user:bob", relation: "owner", object: "document:roadmap", correlationId: "bob-owner" },
        { user: "user:bob", relation: "viewer", object: "document:roadmap", correlationId: "bob-viewer" },
        { user: "user:bob", relation: "no_such_relation", object: "document:roadmap", correlationId: "bad-relation" },
      ],
    },
    opts,
  );
  out.batchCheck = Object.fromEntries(
    batch.result.map((r) => [r.correlationId, r.error ? { error: r.error.input_error || r.error.internal_error || r.error.message } : { allowed: r.allowed }]),
  );

  const pages = [];
  let token;
  do {
    const page = await client.read({}, { pageSize: 2, continuationToken: token });
    pages.push(page.tuples.map((t) => `${t.key.object}#${t.key.relation}@${t.key.user}`));
    token = page.continuation_token;
  } while (token);
  out.readPages = pages;

  out.readFiltered = (await client.read({ user: "user:bob", relation: "viewer", object: "document:roadmap" })).tuples.length;

  out.listObjects = (await client.listObjects({ user: "user:anne", relation: "viewer", type: "document" }, opts)).objects.sort();

  const streamed = [];
  for await (const item of client.streamedListObjects({ user: "user:dana", relation: "viewer", type: "document" }, opts)) {
    streamed.push(item.object);
  }
  out.streamedListObjects = streamed.sort();

  out.listUsers = (await client.listUsers(
    { object: { type: "document", id: "roadmap" }, relation: "viewer", user_filters: [{ type: "user" }] },
    opts,
  )).users.map((u) => `${u.object.type}:${u.object.id}`).sort();

  const changes = await client.readChanges({ type: "document" }, { pageSize: 50 });
  out.changes = changes.changes.map((c) => c.operation);

  await client.writeAssertions(
    [{ user: "user:anne", relation: "viewer", object: "document:roadmap", expectation: true }],
    opts,
  );
  out.assertions = (await client.readAssertions(opts)).assertions.map((a) => `${a.tuple_key.object}#${a.tuple_key.relation}@${a.tuple_key.user}=${a.expectation}`);

  const expand = await client.expand({ relation: "viewer", object: "document:roadmap" }, opts);
  out.expandRoot = expand.tree.root.name;

  try {
    await client.check({ user: "user:anne", relation: "no_such_relation", object: "document:roadmap" }, opts);
    out.invalidCheckError = null;
  } catch (error) {
    out.invalidCheckError = describeError(error);
  }

  await client.deleteStore();
  try {
    await client.getStore();
    out.deletedStoreError = null;
  } catch (error) {
    out.deletedStoreError = describeError(error);
  }

  process.stdout.write(JSON.stringify(out));
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : String(error));
  if (error && error.statusCode) {
    console.error(JSON.stringify(describeError(error)));
  }
  process.exit(1);
});
