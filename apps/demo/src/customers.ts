import { DAY_MS, MINUTE_MS } from './calendar';
import { openDeal } from './deals';
import { clamp, type CustomerState, planningScopes, type World } from './world';

const NAME_STEMS = ['Huaxin', 'Jinlong', 'Tianyu', 'Hengtai', 'Zhongke', 'Ruifeng', 'Dongfang', 'Xinghe', 'Baofeng', 'Kaiyuan', 'Minsheng', 'Yongsheng', 'Haitong', 'Longji'];
const NAME_TRADES = ['Logistics', 'Pharma', 'Retail', 'Electronics', 'Foods', 'Textiles', 'Machinery', 'Software', 'Energy', 'Auto Parts', 'Chemicals', 'Media'];
const NAME_FORMS = ['Co., Ltd.', 'Group', 'Holdings', 'Technology', 'Trading'];

const REGION_WEIGHTS = { north: 30, south: 25, east: 30, west: 15 };
const SEGMENT_WEIGHTS = { enterprise: 15, midmarket: 35, smb: 50 };
const CHANNEL_WEIGHTS = { direct: 40, partner: 25, online: 20, referral: 15 };
const SEVERITY_WEIGHTS = { low: 50, medium: 35, high: 15 };
/** Hours to resolve a complaint, by severity: [min, max]. */
const RESOLUTION_HOURS = { low: [2, 48], medium: [12, 120], high: [24, 240] } as const;
const CHURN_REASONS = { price: 3, 'switched to competitor': 3, 'budget cuts': 2, 'poor service': 2, 'company acquired': 1 };

/** Registrations per day at scale 1, and the book of existing accounts entered in the first weeks. */
const REGISTRATIONS_PER_DAY = 3.2;
const EXISTING_ACCOUNTS = 250;
const ONBOARDING_DAYS = 20;
const SURVEY_HAZARD = 1 / 110;
const COMPLAINT_HAZARD = 1 / 260;
const CHURN_HAZARD = 1 / 1400;
const REACTIVATION_HAZARD = 1 / 600;

const ownerFor = (world: World, region: string) => {
  const { random } = world;
  const home = world.teams.filter((t) => world.homeRegion(t) === region);
  const teamId = home.length > 0 && random.chance(0.8) ? random.pick(home) : random.pick(world.teams);
  const inTeam = world.activeReps(teamId);
  return inTeam.length > 0 ? random.pick(inTeam) : random.pick(world.activeReps());
};

const register = (world: World): void => {
  const { random } = world;
  const region = random.weighted(REGION_WEIGHTS);
  const owner = ownerFor(world, region);
  const customer: CustomerState = {
    id: world.nextId('C'),
    segment: random.weighted(SEGMENT_WEIGHTS),
    region,
    channel: random.weighted(CHANNEL_WEIGHTS),
    ownerRepId: owner.id,
    teamId: owner.teamId,
    active: true,
    satisfaction: clamp(random.normal(0.8, 0.13), 0.15, 1),
    lastAt: 0,
  };
  world.customers.push(customer);
  const name = `${random.pick(NAME_STEMS)} ${random.pick(NAME_TRADES)} ${random.pick(NAME_FORMS)}`;
  const { id, segment, channel, ownerRepId, teamId } = customer;
  const at = world.at([customer]);
  world.emit('customer', 'register', id, { customerId: id, name, segment, region, channel, ownerRepId, teamId }, at);
  world.tally('newCustomers', planningScopes(teamId, ownerRepId), at);
  if (random.chance(0.85)) world.later(random.int(1, 12), () => customer.active && openDeal(world, customer));
};

const survey = (world: World, customer: CustomerState): void => {
  const { random } = world;
  const kind = random.chance(0.6) ? 'csat' : 'nps';
  const score =
    kind === 'csat'
      ? Math.round(clamp(1 + 4 * customer.satisfaction + random.normal(0, 0.7), 1, 5))
      : Math.round(clamp(10 * customer.satisfaction + 0.6 + random.normal(0, 1.4), 0, 10));
  world.emit('customer', 'survey', customer.id, { kind, score }, world.at([customer]));
};

const complain = (world: World, customer: CustomerState): void => {
  const { random } = world;
  const severity = random.weighted(SEVERITY_WEIGHTS);
  const complaintId = world.nextId('K');
  const openedAt = world.at([customer]);
  customer.satisfaction = clamp(customer.satisfaction - (severity === 'high' ? 0.12 : 0.05), 0, 1);
  world.emit('customer', 'complaint', customer.id, { complaintId, severity }, openedAt);
  if (random.chance(0.04)) return; // some complaints are never resolved
  const [min, max] = RESOLUTION_HOURS[severity];
  const resolvedAt = openedAt + Math.round(random.between(min, max) * 60) * MINUTE_MS;
  const days = Math.floor((resolvedAt - world.dayStart) / DAY_MS);
  const resolve = () => {
    customer.satisfaction = clamp(customer.satisfaction + 0.04, 0, 1);
    world.emit('customer', 'resolve', customer.id, {}, world.at([customer], resolvedAt), complaintId);
  };
  if (days < 1) resolve();
  else world.later(days, resolve);
};

export const customersDay = (world: World): void => {
  const { random } = world;
  const onboarding = world.dayIndex <= ONBOARDING_DAYS ? (EXISTING_ACCOUNTS * world.scale) / ONBOARDING_DAYS : 0;
  const growth = 1 + (0.4 * world.dayIndex) / 730;
  const registrations = random.poisson(REGISTRATIONS_PER_DAY * world.scale * growth * world.activity + onboarding);
  for (let i = 0; i < registrations; i++) register(world);
  for (const customer of world.customers) {
    if (!customer.active) {
      if (random.chance(REACTIVATION_HAZARD)) {
        customer.active = true;
        customer.satisfaction = clamp(random.normal(0.7, 0.1), 0.3, 1);
        world.emit('customer', 'reactivate', customer.id, {}, world.at([customer]));
      }
      continue;
    }
    if (random.chance(SURVEY_HAZARD * world.activity)) survey(world, customer);
    if (random.chance(COMPLAINT_HAZARD * world.activity * (1.6 - customer.satisfaction))) complain(world, customer);
    if (random.chance(CHURN_HAZARD * (customer.satisfaction < 0.5 ? 4 : 1))) {
      customer.active = false;
      world.emit('customer', 'churn', customer.id, { reason: random.weighted(CHURN_REASONS) }, world.at([customer]));
    }
  }
};

