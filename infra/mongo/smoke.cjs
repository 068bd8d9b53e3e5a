#!/usr/bin/env node
// Smoke check of the local MongoDB wire server (mongo-java-server) with the project's driver (mongodb 7):
// connect, ping, insert, upsert, bulkWrite, createIndex (incl. a unique index), find/sort/projection,
// aggregate, position-guarded updates (the pattern the read models use instead of transactions).
//
//   node infra/mongo/smoke.cjs            (server from MONGO_URL, default mongodb://127.0.0.1:27017)
//
// Run from the repository so that mongodb resolves from its node_modules. Exit code 0 = all checks passed.
// No serverApi / loadBalanced options: the server does not implement `hello`.
'use strict';

const { MongoClient, MongoServerError } = require('mongodb');

const url = process.env.MONGO_URL || 'mongodb://127.0.0.1:27017';

function check(cond, what) {
  if (!cond) throw new Error(`check failed: ${what}`);
  console.log(`ok - ${what}`);
}

async function main() {
  const t0 = Date.now();
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 5000 });
  await client.connect();
  const admin = client.db('admin');
  const ping = await admin.command({ ping: 1 });
  check(ping.ok === 1, 'ping');
  const build = await admin.command({ buildInfo: 1 });
  console.log(`   server reports version ${build.version}`);

  const db = client.db(`smoke_${process.pid}_${Date.now()}`);
  const col = db.collection('orders');

  const ins = await col.insertMany([
    { _id: 'o1', customer: 'c1', amount: 10, status: 'open', position: 1 },
    { _id: 'o2', customer: 'c1', amount: 25, status: 'open', position: 2 },
    { _id: 'o3', customer: 'c2', amount: 7, status: 'closed', position: 3 },
  ]);
  check(ins.insertedCount === 3, 'insertMany 3 documents');
  const one = await col.insertOne({ customer: 'c3', amount: 1, status: 'open', position: 4 });
  check(one.insertedId != null, 'insertOne with a generated ObjectId');

  const up1 = await col.updateOne({ _id: 'o9' }, { $set: { customer: 'c9', amount: 3 }, $setOnInsert: { created: true } }, { upsert: true });
  check(up1.upsertedCount === 1 && up1.upsertedId === 'o9', 'updateOne upsert inserts');
  const up2 = await col.updateOne({ _id: 'o9' }, { $inc: { amount: 2 } }, { upsert: true });
  check(up2.matchedCount === 1 && up2.modifiedCount === 1, 'updateOne upsert updates');
  const rep = await col.replaceOne({ _id: 'o8' }, { customer: 'c8', amount: 8 }, { upsert: true });
  check(rep.upsertedCount === 1, 'replaceOne upsert');

  const bulk = await col.bulkWrite(
    [
      { insertOne: { document: { _id: 'b1', customer: 'c4', amount: 5, position: 5 } } },
      { updateOne: { filter: { _id: 'b2' }, update: { $set: { customer: 'c4', amount: 6, position: 6 } }, upsert: true } },
      { updateMany: { filter: { customer: 'c1' }, update: { $set: { tier: 'gold' } } } },
      { replaceOne: { filter: { _id: 'o3' }, replacement: { customer: 'c2', amount: 70, status: 'closed', position: 3 } } },
      { deleteOne: { filter: { _id: 'o8' } } },
    ],
    { ordered: true },
  );
  check(
    bulk.insertedCount === 1 && bulk.upsertedCount === 1 && bulk.matchedCount === 3 && bulk.deletedCount === 1,
    `bulkWrite ordered (inserted ${bulk.insertedCount}, upserted ${bulk.upsertedCount}, matched ${bulk.matchedCount}, deleted ${bulk.deletedCount})`,
  );
  const unordered = await col.bulkWrite(
    [1, 2, 3].map((i) => ({ updateOne: { filter: { _id: `u${i}` }, update: { $set: { amount: i } }, upsert: true } })),
    { ordered: false },
  );
  check(unordered.upsertedCount === 3, 'bulkWrite unordered upserts');

  const idx = await col.createIndex({ customer: 1, position: -1 }, { name: 'customer_position' });
  check(idx === 'customer_position', 'createIndex compound');
  await col.createIndex({ status: 1 });
  const uniq = db.collection('checkpoints');
  await uniq.createIndex({ projection: 1 }, { unique: true, name: 'projection_unique' });
  await uniq.insertOne({ projection: 'orders', position: 10 });
  let dup = false;
  try {
    await uniq.insertOne({ projection: 'orders', position: 11 });
  } catch (e) {
    dup = e instanceof MongoServerError && e.code === 11000;
  }
  check(dup, 'unique index rejects a duplicate (E11000)');
  const indexes = await col.indexes();
  check(indexes.some((i) => i.name === 'customer_position'), `listIndexes (${indexes.map((i) => i.name).join(', ')})`);

  const c1 = await col.find({ customer: 'c1' }, { projection: { _id: 1, amount: 1, tier: 1 } }).sort({ amount: -1 }).toArray();
  check(c1.length === 2 && c1[0]._id === 'o2' && c1[0].tier === 'gold' && c1[0].status === undefined, 'find + projection + sort');
  const count = await col.countDocuments({ amount: { $gte: 5 } });
  check(count === 6, `countDocuments with $gte (${count})`);
  const page = await col.find({}).sort({ _id: 1 }).skip(2).limit(3).toArray();
  check(page.length === 3, 'skip/limit');
  const agg = await col
    .aggregate([
      { $match: { customer: { $in: ['c1', 'c2'] } } },
      { $group: { _id: '$customer', total: { $sum: '$amount' }, n: { $sum: 1 } } },
      { $sort: { _id: 1 } },
    ])
    .toArray();
  check(agg.length === 2 && agg[0].total === 35 && agg[1].total === 70, 'aggregate $match/$group/$sort');

  // position guard: apply an event only if it is newer than what the document has seen
  const guard = await col.updateOne({ _id: 'o1', position: { $lt: 1 } }, { $set: { amount: 999, position: 1 } });
  check(guard.matchedCount === 0, 'position-guarded update skips an already applied event');
  const fresh = await col.findOneAndUpdate(
    { _id: 'o1', position: { $lt: 7 } },
    { $set: { amount: 11, position: 7 } },
    { returnDocument: 'after' },
  );
  check(fresh && fresh.amount === 11, 'findOneAndUpdate applies a newer event');

  const del = await col.deleteMany({ customer: 'c4' });
  check(del.deletedCount === 2, 'deleteMany');
  await db.dropDatabase();
  check(true, 'dropDatabase');
  await client.close();
  console.log(`mongo smoke passed against ${url} in ${Date.now() - t0} ms`);
}

const timer = setTimeout(() => {
  console.error('mongo smoke: timed out after 60 s');
  process.exit(1);
}, 60000);
timer.unref();

main().then(
  () => process.exit(0),
  (err) => {
    console.error('mongo smoke FAILED:', err && err.stack ? err.stack : err);
    process.exit(1);
  },
);
