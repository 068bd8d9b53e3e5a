import { clamp, type RepState, type World } from './world';

const FAMILY = ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Zhao', 'Huang', 'Zhou', 'Wu', 'Xu', 'Sun', 'Ma', 'Zhu', 'Hu', 'Guo'];
const GIVEN = ['Wei', 'Fang', 'Min', 'Jing', 'Lei', 'Yan', 'Jun', 'Hui', 'Tao', 'Xin', 'Ying', 'Hao', 'Lin', 'Qiang', 'Na', 'Bo'];
const CERTIFICATIONS = ['Solution Selling', 'Negotiation Mastery', 'Product Specialist', 'Enterprise Account Management', 'Value Selling'];
const LEAVE_REASONS = { 'new job': 5, relocation: 2, 'career change': 2, performance: 2, retirement: 1 };

/** The catalogue of programs: the first eight exist from the start, one more arrives each quarter. */
const PROGRAMS = [
  { title: 'Onboarding Bootcamp', skill: 'fundamentals', hours: 24 },
  { title: 'Consultative Selling', skill: 'discovery', hours: 16 },
  { title: 'Negotiation Workshop', skill: 'negotiation', hours: 12 },
  { title: 'Product Deep Dive', skill: 'product', hours: 20 },
  { title: 'Pipeline Hygiene', skill: 'forecasting', hours: 6 },
  { title: 'Key Account Planning', skill: 'account management', hours: 14 },
  { title: 'Objection Handling', skill: 'communication', hours: 8 },
  { title: 'CRM Essentials', skill: 'tooling', hours: 4 },
  { title: 'Pricing and Discounting', skill: 'commercial', hours: 6 },
  { title: 'Partner Co-Selling', skill: 'channels', hours: 10 },
  { title: 'Social Selling', skill: 'prospecting', hours: 5 },
  { title: 'Executive Presence', skill: 'leadership', hours: 18 },
  { title: 'Industry Insights', skill: 'verticals', hours: 9 },
  { title: 'Coaching for Team Leads', skill: 'leadership', hours: 15 },
];

const INITIAL_PROGRAMS = 8;

/** Reps: hires, transfers, leavers, certifications; training: programs, enrolments, completions. */
export const INITIAL_REPS_PER_SCALE = 26;
const HIRES_PER_DAY = 0.025;
const LEAVE_HAZARD = 1 / 2200;
const TRANSFER_HAZARD = 1 / 3000;
const CERTIFY_HAZARD = 1 / 220;
const ENROL_HAZARD = 1 / 50;

const smallestTeam = (world: World): string => {
  const sizes = world.teams.map((teamId) => [teamId, world.activeReps(teamId).length + world.random.next()] as const);
  return sizes.reduce((best, next) => (next[1] < best[1] ? next : best))[0];
};

export const hireRep = (world: World): RepState => {
  const { random } = world;
  const rep: RepState = {
    id: world.nextId('R', 4),
    teamId: smallestTeam(world),
    hiredAt: 0,
    active: true,
    skill: clamp(random.normal(1, 0.18), 0.6, 1.45),
    certifications: new Set(),
    programs: new Set(),
    lastAt: 0,
  };
  const at = world.at([rep]);
  (rep as { hiredAt: number }).hiredAt = at;
  world.reps.set(rep.id, rep);
  world.emit('rep', 'hire', rep.id, { repId: rep.id, name: `${random.pick(FAMILY)} ${random.pick(GIVEN)}`, teamId: rep.teamId }, at);
  // Every new rep goes through the bootcamp within their first weeks.
  if (world.programs.length > 0) world.later(random.int(2, 12), () => enrol(world, rep, world.programs[0].id));
  return rep;
};

export const createProgram = (world: World): void => {
  const next = PROGRAMS[world.programs.length];
  if (!next) return;
  const program = { id: world.nextId('P', 3), hours: next.hours, lastAt: 0 };
  world.programs.push(program);
  world.emit('program', 'create', program.id, { programId: program.id, ...next }, world.at([program]));
};

const enrol = (world: World, rep: RepState, programId: string): void => {
  const program = world.programs.find((p) => p.id === programId);
  if (!program || !rep.active || rep.programs.has(programId)) return;
  rep.programs.add(programId);
  world.emit('program', 'enrol', programId, { repId: rep.id }, world.at([rep, program]));
  if (!world.random.chance(0.85)) return;
  world.later(world.random.int(5, 40), () => {
    if (!rep.active) return;
    const score = Math.round(clamp(world.random.normal(78, 11), 35, 100));
    world.emit('program', 'complete', programId, { repId: rep.id, score }, world.at([rep, program]));
  });
};

const leave = (world: World, rep: RepState): void => {
  rep.active = false;
  world.emit('rep', 'leave', rep.id, { reason: world.random.weighted(LEAVE_REASONS) }, world.at([rep]));
};

const transfer = (world: World, rep: RepState): void => {
  const others = world.teams.filter((t) => t !== rep.teamId);
  rep.teamId = world.random.pick(others);
  world.emit('rep', 'transfer', rep.id, { teamId: rep.teamId }, world.at([rep]));
};

const certify = (world: World, rep: RepState): void => {
  const missing = CERTIFICATIONS.filter((c) => !rep.certifications.has(c));
  if (missing.length === 0) return;
  const certification = world.random.pick(missing);
  rep.certifications.add(certification);
  world.emit('rep', 'certify', rep.id, { certification }, world.at([rep]));
};

/** The first day: the sales force that exists when the history starts, and the first programs. */
export const staffCompany = (world: World): void => {
  for (let i = 0; i < INITIAL_PROGRAMS; i++) createProgram(world);
  const initial = Math.max(world.teams.length * 3, Math.round(INITIAL_REPS_PER_SCALE * world.scale));
  for (let i = 0; i < initial; i++) hireRep(world);
};

export const peopleDay = (world: World): void => {
  const { random } = world;
  const hires = random.poisson(HIRES_PER_DAY * world.scale * world.activity);
  for (let i = 0; i < hires; i++) hireRep(world);
  for (const rep of world.activeReps()) {
    const tenureDays = (world.dayStart - rep.hiredAt) / 86_400_000;
    if (tenureDays > 90 && random.chance(LEAVE_HAZARD)) {
      leave(world, rep);
      continue;
    }
    if (tenureDays > 120 && random.chance(TRANSFER_HAZARD) && world.activeReps(rep.teamId).length > 3) transfer(world, rep);
    if (tenureDays > 30 && random.chance(CERTIFY_HAZARD * world.activity)) certify(world, rep);
    if (random.chance(ENROL_HAZARD * world.activity)) enrol(world, rep, random.pick(world.programs).id);
  }
};
