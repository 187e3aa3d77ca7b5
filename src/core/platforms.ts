// Platforms as data: how `show version` names them, their family and licensing model, and what
// losing strong crypto does. Their feature limits live in platform-features.ts, the entitlements
// they request in entitlements.ts. Every value carries its source: `observed: …` (a real output in
// test/fixtures/corpus or the seed), `assumption: …` (not in our sources).

export type PlatformFamily =
  | 'ASAv'
  | 'FPR1000'
  | 'FPR2100'
  | 'FPR3100'
  | 'FPR4100'
  | 'FPR9300'
  | 'ISA3000'
  | 'ASA5500X';

export interface PlatformInfo {
  family: PlatformFamily;
  /** Model as named in `show version` (`ASAv10`, `FPR-2130`, `FPR9K-SM-24`, `ASA5555`). */
  model: string;
  /** `Hardware:` value: `ASAv` for every ASAv, else the model. */
  hardware: string;
  licensing: 'smart' | 'pak';
}

const RECOGNISERS: ReadonlyArray<[RegExp, (m: RegExpExecArray) => Omit<PlatformInfo, 'licensing'>]> = [
  [/^ASAv(\d+)?$/i, (m) => ({ family: 'ASAv', model: `ASAv${m[1] ?? ''}`, hardware: 'ASAv' })],
  [/^(?:FPR|Firepower)[- ]?(1\d{3}|2\d{3}|3\d{3}|4\d{3})\b/i, (m) => fpr(`FPR-${m[1]}`, m[1] ?? '')],
  [
    /^FPR4K-SM-(\d+)$/i,
    (m) => ({ family: 'FPR4100', model: `FPR4K-SM-${m[1]}`, hardware: `FPR4K-SM-${m[1]}` }),
  ],
  [
    /^FPR9K-SM-(\d+)$/i,
    (m) => ({ family: 'FPR9300', model: `FPR9K-SM-${m[1]}`, hardware: `FPR9K-SM-${m[1]}` }),
  ],
  [
    /^(?:Firepower[- ]?)?9300\b/i,
    () => ({ family: 'FPR9300', model: 'FPR9K-SM-24', hardware: 'FPR9K-SM-24' }),
  ],
  [
    /^ISA-?3000(.*)$/i,
    (m) => ({ family: 'ISA3000', model: `ISA-3000${m[1] ?? ''}`, hardware: `ISA-3000${m[1] ?? ''}` }),
  ],
  [/^ASA ?(55\d\d)(-X)?$/i, (m) => ({ family: 'ASA5500X', model: `ASA${m[1]}`, hardware: `ASA${m[1]}` })],
];

function fpr(model: string, digits: string): Omit<PlatformInfo, 'licensing'> {
  const family = ({ '1': 'FPR1000', '2': 'FPR2100', '3': 'FPR3100', '4': 'FPR4100' } as const)[
    digits[0] as '1' | '2' | '3' | '4'
  ];
  return { family, model, hardware: model };
}

/**
 * Licensing model per family. [observed] ASAv and Firepower print `License mode: Smart Licensing`;
 * ASA5500-X prints PAK terms; the ISA-3000 in our corpus (9.16) prints PAK terms too.
 */
const LICENSING: Record<PlatformFamily, 'smart' | 'pak'> = {
  ASAv: 'smart',
  FPR1000: 'smart',
  FPR2100: 'smart',
  FPR3100: 'smart',
  FPR4100: 'smart',
  FPR9300: 'smart',
  ISA3000: 'pak',
  ASA5500X: 'pak',
};

/**
 * The last release train a model runs, where it has one: no upgrade past it exists for that box.
 * [assumed: Cisco's ASA release notes say "ASA 9.12(x) was the final version for the ASA 5512-X,
 * 5515-X and 5585-X", "9.14(x) … for the ASA 5525-X, 5545-X and 5555-X", "9.16(x) … for the ASA
 * 5506-X, 5508-X and 5516-X"; not in the sources docs/ARCHITECTURE.md lists]
 */
const LAST_TRAIN: Readonly<Record<string, string>> = {
  ASA5512: '9.12',
  ASA5515: '9.12',
  ASA5585: '9.12',
  ASA5525: '9.14',
  ASA5545: '9.14',
  ASA5555: '9.14',
  ASA5506: '9.16',
  ASA5508: '9.16',
  ASA5516: '9.16',
};

/** The last release train `platform` runs (`9.12` for an ASA5512), or undefined when it has none known. */
export function lastTrainOf(platform: PlatformInfo): string | undefined {
  return LAST_TRAIN[platform.model];
}

/** Family and model for a platform string (`ASAv10`, `FPR-2130`, `FPR9K-SM-24`, …), or undefined. */
export function recognisePlatform(text: string): PlatformInfo | undefined {
  const t = text.trim();
  for (const [re, build] of RECOGNISERS) {
    const m = re.exec(t);
    if (m) {
      const p = build(m);
      return { ...p, licensing: LICENSING[p.family] };
    }
  }
  return undefined;
}

/**
 * What losing export-controlled functionality (strong encryption) does, for the timeline and the
 * audit to cite. The seed: a reload after a year without the authority "defaults to Evaluation
 * mode, which disables export-controlled features (strong encryption). It can cause VPN outage,
 * failover split-brain scenario or SSH outage."
 */
export const STRONG_CRYPTO_EFFECTS: ReadonlyArray<{
  area: 'VPN' | 'SSH' | 'failover' | 'ASDM';
  effect: string;
  source: string;
}> = [
  {
    area: 'VPN',
    effect: 'VPN tunnels that need 3DES/AES stop (VPN outage)',
    source: 'seed: "It can cause VPN outage"',
  },
  {
    area: 'SSH',
    effect: 'SSH management with strong ciphers fails (SSH outage)',
    source: 'seed: "…or SSH outage"',
  },
  {
    area: 'failover',
    effect:
      'failover link encryption loses strong ciphers: the units can stop hearing each other (split-brain risk)',
    source: 'seed: "failover split-brain scenario"',
  },
  {
    area: 'ASDM',
    effect: 'ASDM/HTTPS management may refuse weak-cipher-only sessions',
    source: 'assumption: ASDM needs 3DES/AES',
  },
];
