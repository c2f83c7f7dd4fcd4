// What the hard crowd's organic look-alikes say and where they live: fandoms and their idols,
// activist movements and their copypasta templates, news outlets and their regional editions.

/** A fandom: its idol, the idol's posts, where the fans live, how they reply. */
export interface FandomSpec {
  readonly idol: string; // display name, e.g. 'Starlight'
  readonly handle: string; // handle stem, e.g. 'starlight_official'
  readonly zone: readonly [string, string]; // the idol's time zone and language
  readonly tag: string;
  readonly posts: readonly string[];
  readonly fanZones: ReadonlyArray<readonly [string, string, number]>; // zone, language, weight
  readonly replies: readonly string[];
}

/** Fandoms, used in order (a third and more reuse them with another idol's name). */
export const FANDOMS: readonly FandomSpec[] = [
  {
    idol: 'Starlight',
    handle: 'starlight_official',
    zone: ['Asia/Seoul', 'ko'],
    tag: 'StarlightComeback',
    posts: [
      '오늘도 고마워요 💜',
      'New teaser is out! 💜',
      'Rehearsal done, see you tonight',
      '사랑해요 여러분',
      'Thank you for 10M views!!',
      'Behind the scenes 📸',
      '곧 만나요 ✨',
    ],
    fanZones: [
      ['Asia/Seoul', 'ko', 3],
      ['Asia/Manila', 'en', 3],
      ['Asia/Jakarta', 'id', 3],
      ['Asia/Bangkok', 'th', 2],
      ['America/Sao_Paulo', 'pt', 2],
      ['America/Mexico_City', 'es', 2],
      ['America/New_York', 'en', 2],
    ],
    replies: [
      'omg 😭💜',
      'WE LOVE YOU',
      'streaming now!!',
      '사랑해 💜',
      'the visuals!!!',
      'so proud of you',
      'ang ganda 😭',
      'aku padamu 💜',
      'te amo 💜',
      'eu te amo',
      'น่ารักมาก',
      'BEST ARTIST',
    ],
  },
  {
    idol: 'Luna Vega',
    handle: 'lunavega',
    zone: ['America/Mexico_City', 'es'],
    tag: 'LunaVegaTour',
    posts: [
      '¡Gracias Guadalajara! 🌙',
      'New single Friday 🌙',
      'Ensayo listo, nos vemos',
      'Los amo 💛',
      'Tour dates out now!',
      'Camerino vibes 🎤',
    ],
    fanZones: [
      ['America/Mexico_City', 'es', 4],
      ['America/Bogota', 'es', 2],
      ['America/Sao_Paulo', 'pt', 2],
      ['Europe/Madrid', 'es', 2],
      ['America/Los_Angeles', 'en', 2],
    ],
    replies: [
      'TE AMO LUNA 🌙',
      'reina!!',
      'ya lo estoy escuchando',
      'eu te amo',
      'QUEEN',
      'qué voz 😭',
      'see you in LA!!',
      'la mejor 💛',
    ],
  },
  {
    idol: 'Nova Boys',
    handle: 'novaboys',
    zone: ['Europe/London', 'en'],
    tag: 'NovaBoysNewEra',
    posts: [
      'Wembley we love you',
      'Studio day 🎧',
      'New era starts Friday',
      'Thank you for a crazy night',
      'Guess the song 👀',
    ],
    fanZones: [
      ['Europe/London', 'en', 4],
      ['America/New_York', 'en', 2],
      ['Australia/Sydney', 'en', 2],
      ['Europe/Madrid', 'es', 1],
      ['Europe/Berlin', 'de', 1],
    ],
    replies: [
      'CRYING',
      'best band ever',
      'new era!!!',
      'I love you guys',
      'ich liebe euch',
      'Wembley was magic',
    ],
  },
];

/** An activist movement: its language, places, hashtag and copypasta templates. */
export interface MovementSpec {
  readonly name: string;
  readonly language: string;
  readonly zones: readonly string[];
  readonly tag: string;
  readonly site: string;
  readonly call: string; // the call to action; {core} is the template, {url} the campaign page
  readonly templates: readonly string[]; // {detail} is the campaign's bill, date or petition
  readonly details: readonly string[];
  readonly intro: string; // {name} and {city}
  readonly names: readonly string[];
  readonly cities: readonly string[];
  readonly addOns: readonly string[];
  readonly emojis: readonly string[];
}

/** The movements of the copypasta activists (used in order, then again). */
export const MOVEMENTS: readonly MovementSpec[] = [
  {
    name: 'Clean Air Now',
    language: 'en',
    zones: ['America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Europe/London'],
    tag: 'CleanAirNow',
    site: 'cleanairnow.example',
    call: 'Call to action! Copy, personalise and post: "{core}" {url}',
    templates: [
      "I'm asking my representative to vote YES on the Clean Air Act ({detail}) this week. Our kids deserve to breathe clean air.",
      'Dear Senator, please co-sponsor {detail} and end new coal permits. The health of our communities depends on it.',
      'I stand with the climate strikers: pass {detail} before the summer recess. There is no planet B.',
    ],
    details: ['HR 2417', 'S 1183', 'HR 5120', 'S 902', 'HR 3399'],
    intro: "I'm {name} from {city}.",
    names: ['Sarah', 'Mike', 'Priya', 'Tom', 'Jen', 'Carlos', 'Emma', 'Dave', 'Aisha', 'Luke'],
    cities: ['Ohio', 'Denver', 'Leeds', 'Austin', 'Portland', 'Manchester', 'Atlanta', 'Phoenix'],
    addOns: [
      'My daughter has asthma.',
      'Please, this matters.',
      'Second time writing this month.',
      'Grandma of three here.',
      "We can't wait any longer.",
    ],
    emojis: ['🌍', '💚', '🌱', '🙏', '✊'],
  },
  {
    name: 'Vivienda Digna',
    language: 'es',
    zones: ['Europe/Madrid', 'America/Mexico_City'],
    tag: 'ViviendaDigna',
    site: 'viviendadigna.example',
    call: '¡Llamado a la acción! Copia, personaliza y publica: "{core}" {url}',
    templates: [
      'Exijo al gobierno que congele los alquileres ya con la ley {detail}. Nadie debería gastar más de la mitad de su sueldo en un techo.',
      'Apoyo la huelga de inquilinos del {detail}. La vivienda es un derecho, no un negocio.',
      'Pido a mi ayuntamiento que cumpla el plan {detail} de vivienda pública. Queremos barrios vivos, no pisos turísticos.',
    ],
    details: ['12/2024', '15 de marzo', 'Vivienda 2030', '28-F', 'Techo Digno'],
    intro: 'Soy {name}, de {city}.',
    names: ['Lucía', 'Javier', 'Marta', 'Diego', 'Carmen', 'Pablo', 'Sofía', 'Andrés'],
    cities: ['Madrid', 'Sevilla', 'Valencia', 'Puebla', 'Guadalajara', 'Zaragoza', 'Bilbao'],
    addOns: [
      'Pago 900 euros por 40 metros.',
      'Mi hija aún vive con nosotros.',
      '¡Basta ya!',
      'Compartid por favor.',
    ],
    emojis: ['🏠', '✊', '💪', '❤️'],
  },
  {
    name: 'Tierschutz Jetzt',
    language: 'de',
    zones: ['Europe/Berlin'],
    tag: 'TierschutzJetzt',
    site: 'tierschutz-jetzt.example',
    call: 'Aufruf! Kopieren, anpassen, posten: "{core}" {url}',
    templates: [
      'Ich fordere das Verbot der Käfighaltung bis {detail}. Tiere sind keine Ware.',
      'Liebe Abgeordnete, stimmen Sie am {detail} für das neue Tierschutzgesetz. Millionen Tiere zählen auf Sie.',
      'Ich unterschreibe für {detail}: Schluss mit Tiertransporten über acht Stunden.',
    ],
    details: ['2026', '14. März', 'die Petition 4471', 'Ende 2025', 'den Bürgerantrag 88'],
    intro: 'Ich bin {name} aus {city}.',
    names: ['Anna', 'Lukas', 'Miriam', 'Jonas', 'Katrin', 'Felix', 'Hannah', 'Tobias'],
    cities: ['Köln', 'Leipzig', 'München', 'Hamburg', 'Freiburg', 'Kassel', 'Bremen'],
    addOns: [
      'Bitte teilen!',
      'Ich bin seit 20 Jahren Vegetarierin.',
      'Das ist überfällig.',
      'Unsere Kinder sehen zu.',
    ],
    emojis: ['🐔', '🐖', '💚', '🙏'],
  },
];

/** A news outlet: its domain, newsroom zone, language, regional editions and scheduling tool. */
export interface OutletSpec {
  readonly name: string;
  readonly handle: string;
  readonly domain: string;
  readonly zone: string;
  readonly language: string;
  readonly editions: readonly string[];
  readonly client: string;
  readonly everyMinutes: number; // the scheduler's slot length
}

/** News outlets with regional editions (used in order, then again under another domain). */
export const OUTLETS: readonly OutletSpec[] = [
  {
    name: 'The Herald',
    handle: 'herald',
    domain: 'herald-news.example',
    zone: 'Europe/London',
    language: 'en',
    editions: ['UK', 'US', 'Asia', 'Europe', 'Africa'],
    client: 'SocialFlow',
    everyMinutes: 30,
  },
  {
    name: 'Noticias Hoy',
    handle: 'noticiashoy',
    domain: 'noticiashoy.example',
    zone: 'America/Mexico_City',
    language: 'es',
    editions: ['MX', 'ES', 'AR'],
    client: 'Echobox',
    everyMinutes: 45,
  },
  {
    name: 'Global Wire',
    handle: 'globalwire',
    domain: 'globalwire.example',
    zone: 'America/New_York',
    language: 'en',
    editions: ['US', 'World', 'Business', 'Tech', 'Sport'],
    client: 'Buffer',
    everyMinutes: 20,
  },
  {
    name: 'Asia Daily',
    handle: 'asiadaily',
    domain: 'asiadaily.example',
    zone: 'Asia/Singapore',
    language: 'en',
    editions: ['SG', 'MY', 'PH'],
    client: 'Sprout Social',
    everyMinutes: 60,
  },
];

/** Headline parts per language: subject, verb phrase, object. */
export const HEADLINE_PARTS: Readonly<Record<string, readonly (readonly string[])[]>> = {
  en: [
    [
      'Central bank',
      'City council',
      'Rail union',
      'Health ministry',
      'Tech giant',
      'Storm',
      'Court',
      'Coach',
    ],
    ['approves', 'delays', 'rejects', 'announces', 'warns over', 'cuts', 'backs', 'reviews'],
    [
      'interest rates',
      'new housing plan',
      'strike talks',
      'vaccine rollout',
      'data rules',
      'coastal towns',
      'appeal',
      'transfer',
    ],
  ],
  es: [
    [
      'El banco central',
      'El ayuntamiento',
      'El sindicato',
      'La ministra',
      'La tormenta',
      'El juez',
    ],
    ['aprueba', 'retrasa', 'rechaza', 'anuncia', 'advierte sobre', 'recorta'],
    ['los tipos de interés', 'el plan de vivienda', 'la huelga', 'la vacunación', 'la costa'],
  ],
};
