// Drives the real npm clients against the sandbox: auth, a paged query, a create and an error per vendor.
// Configuration comes from the sandbox's own /_sandbox/demo-tenant/env lines (see ClientsTest.java).
'use strict';
const assert = require('node:assert/strict');
const { AutotaskRestApi } = require('@apigrate/autotask-restapi');
const { ManageAPI, AutomateAPI } = require('connectwise-rest');

const env = process.env;
const httpsHost = new URL(env.SANDBOX_HTTPS_URL).host; // connectwise-rest always builds https://{host}

async function rejects(promise) {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to fail');
}

async function autotask() {
  const at = new AutotaskRestApi(env.AUTOTASK_USERNAME, env.AUTOTASK_SECRET, env.AUTOTASK_INTEGRATION_CODE,
    { base_url: env.AUTOTASK_API_URL });
  const page = await at.Tickets.query({ MaxRecords: 50, filter: [{ op: 'gte', field: 'id', value: 0 }] });
  assert.equal(page.items.length, 50);
  assert.match(page.pageDetails.nextPageUrl, /\/query\/next\?paging=/);
  const { queryCount } = await at.Tickets.count({ filter: [{ op: 'gte', field: 'id', value: 0 }] });
  const note = await at.TicketNotes.create(page.items[0].id,
    { title: 'From apigrate', description: 'Created by the unmodified npm client', noteType: 1, publish: 1 },
    { ImpersonationResourceId: env.AUTOTASK_IMPERSONATION_RESOURCE_ID });
  assert.ok(note.itemId > 0);
  const missing = await at.Tickets.get(99999999);
  assert.equal(missing, null);
  const err = await rejects(at.Tickets.query({ MaxRecords: 501, filter: [{ op: 'gte', field: 'id', value: 0 }] }));
  assert.equal(err.status, 500);
  assert.deepEqual(err.details, { errors: ['maxCountOfRecordsToReturn must be between 1 and 500'] });
  return { zone: at.zoneInfo.url, tickets: queryCount, noteId: note.itemId };
}

async function manage() {
  const cwm = new ManageAPI({ companyId: env.MANAGE_COMPANY_ID, companyUrl: httpsHost, publicKey: env.MANAGE_PUBLIC_KEY,
    privateKey: env.MANAGE_PRIVATE_KEY, clientId: env.MANAGE_CLIENT_ID });
  const open = await cwm.paginate(cwm.ServiceAPI.getServiceTickets, { pageSize: 40 }, { conditions: 'closedFlag = false' });
  const { count } = await cwm.ServiceAPI.getServiceTicketsCount({ conditions: 'closedFlag = false' });
  assert.equal(open.length, count);
  assert.equal(new Set(open.map((t) => t.id)).size, count);
  const note = await cwm.ServiceAPI.postServiceTicketsByParentIdNotes(open[0].id,
    { text: 'Created by connectwise-rest', internalAnalysisFlag: true });
  assert.equal(note.ticketId, open[0].id);
  const err = await rejects(cwm.ServiceAPI.getServiceTicketsById(99999999));
  assert.equal(err.status, 404);
  assert.equal(err.data.code, 'NotFound');
  return { openTickets: count, noteId: note.id };
}

async function automate() {
  const cwa = new AutomateAPI({ serverUrl: httpsHost, clientId: env.AUTOMATE_CLIENT_ID, username: env.AUTOMATE_USERNAME,
    password: env.AUTOMATE_PASSWORD });
  const clients = await cwa.paginate(cwa.ClientsAPI.getClientList, { pageSize: 15 }, {});
  assert.ok(clients.length > 15);
  const pcs = await cwa.ComputersAPI.getComputerList({ condition: 'Client.Id = 1', pageSize: 1000 });
  assert.ok(pcs.length > 0 && pcs.every((c) => c.Client.Id === 1));
  // a create: seed 000 grants Groups Create (connectwise-rest 1.3 has no Groups API, so its generic request)
  const group = await cwa.request({ path: '/api/v1/Groups', method: 'post', data: { Name: 'Switchboard pilot', ParentId: 1 } });
  assert.ok(group.Id > 0);
  const groups = await cwa.request({ path: '/api/v1/Groups', method: 'get', params: { condition: `Id = ${group.Id}` } });
  assert.equal(groups[0].Name, 'Switchboard pilot');
  // ... but not Clients Create: the user class's refusal
  const denied = await rejects(cwa.ClientsAPI.postClient({ Name: 'Not allowed' }));
  assert.equal(denied.status, 403);
  // a 2FA user without a passcode gets no token, so the next call is refused
  const mfa = new AutomateAPI({ serverUrl: httpsHost, clientId: env.AUTOMATE_CLIENT_ID, username: env.AUTOMATE_MFA_USERNAME,
    password: env.AUTOMATE_MFA_PASSWORD });
  const err = await rejects(mfa.ClientsAPI.getClientList({}));
  assert.equal(err.status, 401);
  return { clients: clients.length, externalId: clients[0].ExternalId, computersOfClient1: pcs.length, groupId: group.Id };
}

(async () => {
  const result = { autotask: await autotask(), manage: await manage(), automate: await automate() };
  console.log(JSON.stringify(result));
})().catch((e) => {
  console.error(e && e.stack ? e.stack : JSON.stringify(e));
  process.exit(1);
});
