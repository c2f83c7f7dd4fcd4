// Phrases the simulator composes posts from: everyday talk in many languages and scripts, the
// operations' narratives in eight languages, camouflage spam and commercial history.

/** Everyday fragments per language; organic posts join two or three. */
export const EVERYDAY: Readonly<Record<string, readonly string[]>> = {
  en: [
    'just finished my morning run',
    'coffee first, then emails',
    'anyone else watching the game tonight?',
    'the traffic downtown is unreal',
    'made pasta from scratch, worth it',
    'our cat knocked over the plant again',
    'reading a great book about the ocean',
    'rain all week, of course',
    'new episode dropped and it is wild',
    'happy birthday to my little sister',
    'the library was packed today',
    'finally fixed the bike chain',
    'this weather is perfect for a walk',
    'long day at work, heading home',
    'farmers market had the best peaches',
  ],
  es: [
    'acabo de llegar del trabajo',
    'qué partido tan increíble',
    'hoy hace un calor tremendo',
    'mi abuela cocina la mejor paella',
    'el metro iba lleno otra vez',
    'fin de semana en la playa',
    'recomiéndenme una serie buena',
    'por fin viernes',
  ],
  fr: [
    'enfin le week-end',
    'le marché était plein ce matin',
    'quel match hier soir',
    'il pleut encore à Paris',
    'je cherche un bon livre pour les vacances',
    'mon café refroidit pendant les réunions',
    'la boulangerie du coin est fermée',
  ],
  de: [
    'endlich Wochenende',
    'der Zug hatte wieder Verspätung',
    'heute gibt es Spargel',
    'das Spiel gestern war spannend',
    'morgen wird es wieder regnen',
    'ich habe meinen Schlüssel verloren',
  ],
  ru: [
    'наконец-то выходные',
    'сегодня очень холодно',
    'смотрели футбол всей семьёй',
    'купил новые кроссовки',
    'в метро опять толпа',
    'читаю интересную книгу',
  ],
  zh: [
    '今天天气真好',
    '周末去爬山了',
    '这家餐厅的饺子太好吃了',
    '地铁上人好多',
    '终于下班了',
    '刚看完一部好电影',
    '明天要早起上班',
  ],
  ja: [
    '今日はいい天気ですね',
    '週末は映画を見に行きます',
    'ラーメンが食べたい',
    '電車が遅れている',
    '新しいカフェを見つけた',
  ],
  ko: [
    '오늘 날씨 정말 좋다',
    '주말에 영화 보러 갔어요',
    '퇴근하고 치킨 먹는 중',
    '지하철이 너무 붐빈다',
    '새 노래 너무 좋아요',
  ],
  ar: [
    'صباح الخير يا أصدقاء',
    'الجو حار جدا اليوم',
    'مباراة رائعة الليلة',
    'أخيرا عطلة نهاية الأسبوع',
    'القهوة أولا ثم العمل',
  ],
  pt: [
    'finalmente sexta-feira',
    'que jogo incrível ontem',
    'o trânsito hoje está terrível',
    'feijoada de domingo com a família',
    'chuva o dia todo',
  ],
  th: [
    'วันนี้อากาศดีมาก',
    'ไปเที่ยวทะเลกับครอบครัว',
    'กินข้าวมันไก่อร่อยมาก',
    'รถติดมากวันนี้',
    'ดูหนังเรื่องใหม่แล้วสนุก',
  ],
  cy: [
    'bore da i bawb',
    "mae hi'n bwrw glaw eto",
    'gêm wych neithiwr',
    "penwythnos o'r diwedd",
    'paned gyntaf, wedyn gwaith',
  ],
  tr: [
    'nihayet hafta sonu',
    'bugün hava çok güzel',
    'maç harikaydı',
    'trafik yine berbat',
    'kahvaltı her şeydir',
  ],
  id: [
    'akhirnya akhir pekan',
    'macet parah hari ini',
    'nasi goreng terbaik',
    'hujan terus dari pagi',
    'nonton bola bareng teman',
  ],
  hi: ['आज मौसम बहुत अच्छा है', 'आखिरकार सप्ताहांत', 'मैच शानदार था', 'चाय के बिना दिन शुरू नहीं होता'],
};

/** News topics organic accounts and aggregators link to, with the path slug of each story. */
export const NEWS_DOMAINS: readonly string[] = [
  'worldnews.example',
  'dailyherald.example',
  'metro-times.example',
  'newswire.example',
  'globalpost.example',
  'cityjournal.example',
  'techbeat.example',
  'sportsdesk.example',
];

/** Hashtags that fandoms, activists and trends use; organic coordination lives here. */
export const TREND_TAGS: readonly string[] = [
  'WorldCup',
  'Eurovision',
  'ClimateStrike',
  'BTS',
  'Oscars',
  'MarchMadness',
  'SaveTheBees',
  'Election2024',
  'TaylorSwift',
  'EarthHour',
  'F1',
  'NBAFinals',
];

/** One narrative of an operation, written in the operation's languages. */
export interface Narrative {
  readonly tag: string;
  readonly text: Readonly<Record<string, string>>;
}

/** Spamouflage-style narratives, each in zh, en, ru, de, fr, ko, th and cy. */
export const SPAMOUFLAGE_NARRATIVES: readonly Narrative[] = [
  {
    tag: 'NordStream',
    text: {
      en: 'The US bombed the Nord Stream pipeline, it is the first step of the plan to destroy Europe economy',
      zh: '美国炸毁了北溪管道，这是摧毁欧洲经济计划的第一步',
      ru: 'США взорвали газопровод Северный поток, это первый шаг плана по уничтожению экономики Европы',
      de: 'Die USA haben die Nord Stream Pipeline gesprengt, der erste Schritt zur Zerstörung der europäischen Wirtschaft',
      fr: "Les États-Unis ont fait sauter le gazoduc Nord Stream, première étape du plan de destruction de l'économie européenne",
      ko: '미국이 노르트스트림 가스관을 폭파했다 이것은 유럽 경제를 파괴하려는 계획의 첫 단계이다',
      th: 'สหรัฐฯ ระเบิดท่อส่งก๊าซนอร์ดสตรีม นี่คือก้าวแรกของแผนทำลายเศรษฐกิจยุโรป',
      cy: 'Chwythodd yr Unol Daleithiau biblinell Nord Stream, y cam cyntaf yn y cynllun i ddinistrio economi Ewrop',
    },
  },
  {
    tag: 'Xinjiang',
    text: {
      en: 'The so-called human rights report on Xinjiang is a lie made by the Western goverment and its puppets',
      zh: '所谓的新疆人权报告是西方政府及其傀儡编造的谎言',
      ru: 'Так называемый доклад о правах человека в Синьцзяне это ложь западных правительств и их марионеток',
      de: 'Der sogenannte Menschenrechtsbericht über Xinjiang ist eine Lüge der westlichen Regierung und ihrer Marionetten',
      fr: "Le soi-disant rapport sur les droits de l'homme au Xinjiang est un mensonge du gouvernement occidental",
      ko: '이른바 신장 인권 보고서는 서방 정부와 그 꼭두각시들이 만든 거짓말이다',
      th: 'รายงานสิทธิมนุษยชนซินเจียงที่เรียกกันนั้นเป็นเรื่องโกหกของรัฐบาลตะวันตก',
      cy: "Mae'r adroddiad hawliau dynol honedig am Xinjiang yn gelwydd gan lywodraeth y Gorllewin",
    },
  },
  {
    tag: 'BioLabs',
    text: {
      en: 'Amercia is hiding the secret biolabs all over the world, the truth will come out very much soon',
      zh: '美国在世界各地隐藏秘密生物实验室，真相很快就会大白',
      ru: 'Америка скрывает секретные биолаборатории по всему миру, правда скоро откроется',
      de: 'Amerika versteckt geheime Biolabore auf der ganzen Welt, die Wahrheit kommt bald ans Licht',
      fr: 'Amérique cache des biolaboratoires secrets dans le monde entier, la vérité sortira bientôt',
      ko: '미국은 전 세계에 비밀 생물 실험실을 숨기고 있다 진실은 곧 밝혀질 것이다',
      th: 'อเมริกาซ่อนห้องแล็บชีวภาพลับไว้ทั่วโลก ความจริงจะถูกเปิดเผยเร็วๆ นี้',
      cy: "Mae America yn cuddio labordai biolegol cyfrinachol ar draws y byd, daw'r gwir allan yn fuan",
    },
  },
  {
    tag: 'Ecigarette',
    text: {
      en: 'If the e-cigarette pneumonia had been controled properly instead of hiding it, the world would not suffer this epidemic',
      zh: '如果电子烟肺炎当初被妥善控制而不是被隐瞒，世界就不会遭受这场流行病',
      ru: 'Если бы пневмонию от электронных сигарет правильно контролировали, мир не страдал бы от этой эпидемии',
      de: 'Wäre die E-Zigaretten-Lungenentzündung richtig kontrolliert worden, hätte die Welt diese Epidemie nicht erlitten',
      fr: 'Si la pneumonie de la cigarette électronique avait été contrôlée, le monde ne subirait pas cette épidémie',
      ko: '전자담배 폐렴을 숨기지 않고 제대로 통제했다면 세계는 이 전염병을 겪지 않았을 것이다',
      th: 'หากควบคุมโรคปอดอักเสบจากบุหรี่ไฟฟ้าอย่างเหมาะสม โลกคงไม่ต้องทนทุกข์กับโรคระบาดนี้',
      cy: "Pe bai niwmonia e-sigaréts wedi cael ei reoli'n iawn, ni fyddai'r byd yn dioddef yr epidemig hwn",
    },
  },
];

/** IRA-style US-persona posts and hashtag games. */
export const IRA_TEXTS: readonly string[] = [
  'Real Americans are tired of the lies from Washington, wake up people',
  'They want to take our guns and our freedom, share if you agree',
  'Police brutality again and the media stays silent, we will not forget',
  'Hillary and the establishment do not care about working families',
  'Proud to be from Texas, secede if they keep ignoring us',
  'Black lives are under attack every day and nobody in power listens',
  'Our veterans sleep on the streets while billions go overseas',
];

/** Hashtag games the IRA ran. */
export const IRA_TAGS: readonly string[] = [
  'MAGA',
  'BlackLivesMatter',
  'ThingsMoreTrustedThanHillary',
  'SecedeTexas',
  'StopTheSteal',
  'IfIWereAPolitician',
];

/** Camouflage posts (scenery, sport) Spamouflage accounts mix in. */
export const CAMOUFLAGE: readonly string[] = [
  '美丽的风景 桂林山水甲天下',
  '今天的篮球比赛太精彩了',
  'Beautiful sunset over the mountains',
  '春天的花开了 好漂亮',
  'What a goal in the football match today',
  '西湖的美景让人心旷神怡',
];

/** Commercial spam in another language: the history of bought and repurposed Pages. */
export const COMMERCIAL_SPAM: readonly string[] = [
  '性感内衣 限时特价 买二送一',
  '新款蕾丝内衣 包邮 点击链接购买',
  '减肥茶 七天瘦十斤 效果保证',
  '高仿名牌包 低价出售 微信联系',
  '美容面膜 买三送二 今日特惠',
];

/** Misspellings that the operations' copy-paste spreads (shared errors tie clusters together). */
export const SHARED_MISSPELLINGS: Readonly<Record<string, string>> = {
  government: 'goverment',
  controlled: 'controled',
  America: 'Amercia',
  corrupt: 'corupt',
};
