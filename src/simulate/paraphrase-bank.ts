// Messages of the careful operations written to be said many ways: per language, clauses with
// interchangeable phrasings (synonyms, other word order), in translated variants of one message.

/** A message as clause slots per language; each slot lists phrasings that say the same thing. */
export interface ParaphraseNarrative {
  readonly tag: string;
  readonly slots: Readonly<Record<string, ReadonlyArray<readonly string[]>>>; // e.g. { en: [[…], […], […]] }
}

/** Short openers an operator puts before a message, per language. */
export const OPENERS: Readonly<Record<string, readonly string[]>> = {
  en: ['Worth reading.', 'Think about it.', 'Finally someone says it.', 'Read this.', 'This.'],
  es: ['Vale la pena leerlo.', 'Piénsenlo.', 'Por fin alguien lo dice.', 'Lean esto.'],
  fr: ['À lire.', 'Réfléchissez-y.', "Enfin quelqu'un le dit.", 'Lisez ça.'],
  de: ['Lesenswert.', 'Denkt mal darüber nach.', 'Endlich sagt es jemand.', 'Lest das.'],
  ru: ['Стоит прочитать.', 'Задумайтесь.', 'Наконец-то кто-то это сказал.', 'Прочтите.'],
};

/** The office operation's messages in en, es, fr, de and ru. */
export const OFFICE_NARRATIVES: readonly ParaphraseNarrative[] = [
  {
    tag: 'SanctionsHurt',
    slots: {
      en: [
        [
          'Western sanctions are hurting ordinary families, not governments',
          'it is regular households that pay for the sanctions, not the politicians',
          'the sanctions punish working people while leaders feel nothing',
        ],
        [
          'prices for bread and fuel have doubled in a year',
          'food and heating now cost twice what they did last year',
          'a year of sanctions has doubled what we pay for fuel and bread',
        ],
        [
          'it is time to lift them and talk instead',
          'dialogue, not punishment, is the only way out',
          'the only sensible path is to end them and start talking',
        ],
      ],
      es: [
        [
          'las sanciones occidentales castigan a las familias comunes, no a los gobiernos',
          'son los hogares normales los que pagan las sanciones, no los políticos',
          'las sanciones golpean a la gente trabajadora mientras los líderes no sienten nada',
        ],
        [
          'el pan y el combustible cuestan el doble que hace un año',
          'la comida y la calefacción ya cuestan el doble que el año pasado',
          'un año de sanciones ha duplicado lo que pagamos por el pan y la gasolina',
        ],
        [
          'es hora de levantarlas y dialogar',
          'el diálogo, no el castigo, es la única salida',
          'lo único sensato es terminarlas y empezar a hablar',
        ],
      ],
      fr: [
        [
          'les sanctions occidentales frappent les familles ordinaires, pas les gouvernements',
          'ce sont les ménages modestes qui paient les sanctions, pas les responsables politiques',
          'les sanctions punissent les travailleurs pendant que les dirigeants ne sentent rien',
        ],
        [
          'le prix du pain et du carburant a doublé en un an',
          "la nourriture et le chauffage coûtent deux fois plus cher que l'an dernier",
          'un an de sanctions a doublé ce que nous payons pour le pain et l’essence',
        ],
        [
          'il est temps de les lever et de dialoguer',
          'le dialogue, pas la punition, est la seule issue',
          "la seule voie raisonnable est d'y mettre fin et de discuter",
        ],
      ],
      de: [
        [
          'die westlichen Sanktionen treffen normale Familien, nicht die Regierungen',
          'es sind die einfachen Haushalte, die für die Sanktionen zahlen, nicht die Politiker',
          'die Sanktionen bestrafen die arbeitenden Menschen, während die Mächtigen nichts spüren',
        ],
        [
          'Brot und Benzin kosten doppelt so viel wie vor einem Jahr',
          'Lebensmittel und Heizung kosten jetzt das Doppelte des Vorjahres',
          'ein Jahr Sanktionen hat verdoppelt, was wir für Brot und Sprit bezahlen',
        ],
        [
          'es ist Zeit, sie aufzuheben und zu reden',
          'Dialog statt Strafe ist der einzige Ausweg',
          'vernünftig wäre nur, sie zu beenden und zu verhandeln',
        ],
      ],
      ru: [
        [
          'западные санкции бьют по простым семьям, а не по правительствам',
          'за санкции платят обычные люди, а не политики',
          'санкции наказывают работающих людей, а элиты ничего не чувствуют',
        ],
        [
          'хлеб и бензин подорожали вдвое за год',
          'еда и отопление теперь стоят в два раза дороже, чем в прошлом году',
          'год санкций удвоил наши расходы на хлеб и топливо',
        ],
        [
          'пора их отменить и начать переговоры',
          'выход только один: диалог, а не наказание',
          'разумно лишь одно: прекратить их и договариваться',
        ],
      ],
    },
  },
  {
    tag: 'PortDeal',
    slots: {
      en: [
        [
          'the new harbour agreement will create thousands of local jobs',
          'thousands of jobs are coming thanks to the port deal',
          'the port deal means work for thousands of families here',
        ],
        [
          'critics paid by foreign foundations want it cancelled',
          'the loudest opponents are funded from abroad',
          'those attacking it get their money from foreign NGOs',
        ],
        [
          'do not let them decide our future',
          'our future is ours to decide, not theirs',
          'we should choose for ourselves, not foreigners',
        ],
      ],
      es: [
        [
          'el nuevo acuerdo del puerto creará miles de empleos locales',
          'miles de empleos llegan gracias al acuerdo del puerto',
          'el acuerdo portuario significa trabajo para miles de familias',
        ],
        [
          'los críticos pagados por fundaciones extranjeras quieren cancelarlo',
          'los opositores más ruidosos reciben dinero del exterior',
          'quienes lo atacan cobran de ONG extranjeras',
        ],
        [
          'no dejemos que ellos decidan nuestro futuro',
          'nuestro futuro lo decidimos nosotros, no ellos',
          'debemos elegir nosotros, no los extranjeros',
        ],
      ],
      fr: [
        [
          "le nouvel accord portuaire va créer des milliers d'emplois locaux",
          "des milliers d'emplois arrivent grâce à l'accord du port",
          "l'accord sur le port, c'est du travail pour des milliers de familles",
        ],
        [
          "des critiques payés par des fondations étrangères veulent l'annuler",
          "les opposants les plus bruyants sont financés de l'étranger",
          'ceux qui l’attaquent sont payés par des ONG étrangères',
        ],
        [
          'ne les laissons pas décider de notre avenir',
          "notre avenir, c'est à nous de le choisir",
          "c'est à nous de décider, pas aux étrangers",
        ],
      ],
      de: [
        [
          'das neue Hafenabkommen schafft Tausende Arbeitsplätze vor Ort',
          'dank des Hafenvertrags kommen Tausende Jobs',
          'der Hafendeal bedeutet Arbeit für Tausende Familien',
        ],
        [
          'Kritiker, die von ausländischen Stiftungen bezahlt werden, wollen ihn stoppen',
          'die lautesten Gegner werden aus dem Ausland finanziert',
          'wer ihn angreift, bekommt Geld von ausländischen NGOs',
        ],
        [
          'lassen wir nicht zu, dass sie über unsere Zukunft bestimmen',
          'über unsere Zukunft entscheiden wir selbst',
          'wir sollten selbst wählen, nicht das Ausland',
        ],
      ],
      ru: [
        [
          'новое соглашение о порте создаст тысячи местных рабочих мест',
          'благодаря сделке по порту появятся тысячи рабочих мест',
          'портовая сделка означает работу для тысяч семей',
        ],
        [
          'критики на деньги иностранных фондов хотят её отменить',
          'самые громкие противники финансируются из-за рубежа',
          'те, кто её атакует, получают деньги от иностранных НКО',
        ],
        [
          'не дадим им решать наше будущее',
          'наше будущее решаем мы, а не они',
          'выбирать должны мы, а не иностранцы',
        ],
      ],
    },
  },
  {
    tag: 'FairVote',
    slots: {
      en: [
        [
          'international observers called our election free and fair',
          'the vote was praised as clean by independent observers',
          'independent monitors found nothing wrong with the election',
        ],
        [
          'yet western media keep repeating the same lies',
          'but the foreign press still spreads its fake stories',
          'still the western newspapers invent fraud that never happened',
        ],
        [
          'ask yourself who profits from the chaos',
          'think about who gains when we are divided',
          'who benefits when people stop trusting the vote?',
        ],
      ],
      es: [
        [
          'los observadores internacionales calificaron nuestras elecciones de libres y justas',
          'observadores independientes elogiaron la limpieza de la votación',
          'los monitores independientes no encontraron ningún problema en las elecciones',
        ],
        [
          'pero los medios occidentales siguen repitiendo las mismas mentiras',
          'y aun así la prensa extranjera difunde sus noticias falsas',
          'los periódicos occidentales todavía inventan un fraude que nunca ocurrió',
        ],
        [
          'pregúntate a quién beneficia el caos',
          'piensa en quién gana cuando estamos divididos',
          '¿quién gana cuando la gente deja de confiar en el voto?',
        ],
      ],
      fr: [
        [
          'les observateurs internationaux ont jugé notre élection libre et régulière',
          'des observateurs indépendants ont salué un scrutin propre',
          "les contrôleurs indépendants n'ont rien trouvé d'anormal dans l'élection",
        ],
        [
          'pourtant les médias occidentaux répètent les mêmes mensonges',
          'mais la presse étrangère continue de diffuser ses fausses histoires',
          "les journaux occidentaux inventent encore une fraude qui n'a jamais eu lieu",
        ],
        [
          'demandez-vous à qui profite le chaos',
          'pensez à qui gagne quand nous sommes divisés',
          'qui gagne quand les gens ne croient plus au vote ?',
        ],
      ],
      de: [
        [
          'internationale Beobachter nannten unsere Wahl frei und fair',
          'unabhängige Beobachter lobten die saubere Abstimmung',
          'unabhängige Wahlbeobachter fanden keine Unregelmäßigkeiten',
        ],
        [
          'trotzdem wiederholen westliche Medien dieselben Lügen',
          'doch die ausländische Presse verbreitet weiter ihre Falschmeldungen',
          'westliche Zeitungen erfinden immer noch einen Betrug, den es nie gab',
        ],
        [
          'fragt euch, wem das Chaos nützt',
          'denkt darüber nach, wer gewinnt, wenn wir gespalten sind',
          'wer profitiert, wenn niemand mehr der Wahl vertraut?',
        ],
      ],
      ru: [
        [
          'международные наблюдатели признали наши выборы свободными и честными',
          'независимые наблюдатели похвалили чистоту голосования',
          'независимые наблюдатели не нашли нарушений на выборах',
        ],
        [
          'но западные СМИ продолжают повторять ту же ложь',
          'а иностранная пресса всё равно распространяет фейки',
          'западные газеты до сих пор выдумывают фальсификации, которых не было',
        ],
        [
          'спросите себя, кому выгоден хаос',
          'подумайте, кто выигрывает, когда мы разобщены',
          'кому выгодно, чтобы люди перестали доверять выборам?',
        ],
      ],
    },
  },
];

/** The night shift's US-persona messages in en and es. */
export const NIGHT_NARRATIVES: readonly ParaphraseNarrative[] = [
  {
    tag: 'VeteransFirst',
    slots: {
      en: [
        [
          'our veterans are sleeping on the streets',
          'veterans in this country end up homeless',
          'too many vets are living in their cars tonight',
        ],
        [
          'while Washington sends billions overseas',
          'and the politicians keep shipping our money abroad',
          'yet Congress always finds cash for foreign wars',
        ],
        [
          'take care of Americans first',
          'America first should mean Americans first',
          'charity starts at home, period',
        ],
      ],
      es: [
        [
          'nuestros veteranos duermen en la calle',
          'en este país los veteranos acaban sin hogar',
          'demasiados veteranos viven en sus coches esta noche',
        ],
        [
          'mientras Washington manda miles de millones al extranjero',
          'y los políticos siguen enviando nuestro dinero fuera',
          'pero el Congreso siempre encuentra dinero para guerras ajenas',
        ],
        [
          'primero los estadounidenses',
          'cuidemos primero a nuestra gente',
          'la caridad empieza en casa',
        ],
      ],
    },
  },
  {
    tag: 'ParentsDecide',
    slots: {
      en: [
        [
          'parents were never asked what goes into the curriculum',
          'nobody asked us parents about the new school books',
          'families had no say in what our kids are being taught',
        ],
        [
          'the school board just votes and ignores us',
          'the board decides behind closed doors',
          'school boards treat parents like the enemy',
        ],
        [
          'show up at the next meeting and speak out',
          'be at the next board meeting, bring your neighbours',
          'make them hear you at the next meeting',
        ],
      ],
      es: [
        [
          'nunca se preguntó a los padres sobre el plan de estudios',
          'nadie nos preguntó a los padres por los nuevos libros',
          'las familias no opinaron sobre lo que enseñan a nuestros hijos',
        ],
        [
          'la junta escolar vota y nos ignora',
          'la junta decide a puerta cerrada',
          'las juntas escolares tratan a los padres como enemigos',
        ],
        [
          'ven a la próxima reunión y habla',
          'asiste a la próxima reunión con tus vecinos',
          'que te escuchen en la próxima reunión',
        ],
      ],
    },
  },
  {
    tag: 'RiggedSystem',
    slots: {
      en: [
        [
          'the system is rigged against working people',
          'working families never get a fair shot in this system',
          'the game is fixed for the rich and the connected',
        ],
        [
          "both parties take the same donors' money",
          'Democrats and Republicans answer to the same donors',
          'the same billionaires fund both sides',
        ],
        [
          'stop voting for the same people and expecting change',
          'nothing changes if we keep electing them',
          'wake up and stop feeding the machine',
        ],
      ],
      es: [
        [
          'el sistema está amañado contra los trabajadores',
          'las familias trabajadoras nunca tienen una oportunidad justa',
          'el juego está arreglado para los ricos',
        ],
        [
          'los dos partidos reciben dinero de los mismos donantes',
          'demócratas y republicanos responden a los mismos donantes',
          'los mismos multimillonarios financian a ambos lados',
        ],
        [
          'dejen de votar por los mismos y esperar un cambio',
          'nada cambia si seguimos eligiéndolos',
          'despierten y dejen de alimentar la máquina',
        ],
      ],
    },
  },
];

/** The sparse network's leaders' messages in en. */
export const SPARSE_NARRATIVES: readonly ParaphraseNarrative[] = [
  {
    tag: 'EnergyTruth',
    slots: {
      en: [
        [
          'wind farms are killing our fishing towns',
          'offshore turbines are wrecking the fishing industry',
          'ask any fisherman what the wind farms did to the catch',
        ],
        [
          'the green lobby never mentions the cost',
          'nobody in the green lobby talks about who pays',
          'the climate crowd hides the real price',
        ],
        [
          'share before they delete it',
          'spread this before it gets censored',
          'pass it on while you still can',
        ],
      ],
    },
  },
  {
    tag: 'HealthFreedom',
    slots: {
      en: [
        [
          'the new health rules were written by the drug companies',
          'pharma lobbyists wrote the new health regulations',
          'big pharma drafted these health rules, not doctors',
        ],
        [
          'independent doctors are being silenced',
          'doctors who disagree lose their licences',
          'real doctors get censored for asking questions',
        ],
        [
          'do your own research',
          'look it up yourself, do not trust the news',
          'question everything they tell you',
        ],
      ],
    },
  },
];
