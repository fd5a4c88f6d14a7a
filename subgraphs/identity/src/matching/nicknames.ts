/**
 * Given-name equivalence groups: a formal name, its spelling variants and its
 * usual diminutives. No maintained nickname list is published on npm (the
 * known lists are Python or raw CSV projects), so this is a small built-in
 * map covering the common English names and the usual diminutives of the
 * demo's other languages (French, German, Spanish). Two given names are
 * nickname-equivalent when some group holds both; a diminutive shared by
 * several names (Alex, Chris, Sam, Pat) sits in each of their groups.
 *
 * Translations (John / Jean / Juan / Johann) are deliberately absent: they are
 * different names on a form, and treating them as equal would join strangers.
 * Extend by adding a group; names are written folded (see `foldText`).
 */
const GROUPS: readonly string[] = [
  // English
  'abigail abby abbie gail',
  'albert al bert bertie',
  'alexander alex alec sandy xander',
  'alexandra alex alexa sandra sandy lexi',
  'alfred alf alfie fred freddie',
  'andrew andy drew',
  'anne ann anna annie nan',
  'anthony antony tony',
  'arthur art artie',
  'barbara barb babs',
  'benjamin ben benny benji',
  'catherine katherine kathryn katharine katharina kate katie kathy cathy kat kitty',
  'charles charlie chuck chas',
  'charlotte lottie charlie',
  'christopher chris kit topher',
  'christine christina chris chrissy tina kristina',
  'christian chris',
  'daniel dan danny',
  'david dave davy',
  'deborah debra deb debbie',
  'donald don donnie',
  'dorothy dot dottie dolly',
  'douglas doug',
  'edward ed eddie ted ned',
  'eleanor elinor ellie nell nora',
  'elizabeth elisabeth liz lizzie beth betty betsy eliza libby lisbeth',
  'emily em emmy',
  'frances fran frankie',
  'francis frank frankie',
  'frederick frederic fred freddie',
  'gerald gerry jerry',
  'gregory greg',
  'henry harry hank',
  'isabel isabelle isobel izzy bella',
  'jacob jake',
  'james jim jimmy jamie',
  'jennifer jen jenny',
  'jessica jess jessie',
  'john jack johnny',
  'jonathan jon jonny',
  'joseph joe joey',
  'josephine jo josie',
  'joshua josh',
  'kenneth ken kenny',
  'lawrence laurence larry',
  'leonard len lenny leo',
  'margaret maggie meg peggy marge margo greta',
  'matthew matt',
  'michael mike mikey mick',
  'nathaniel nathan nat nate',
  'nicholas nick nicky',
  'patricia pat patty trish',
  'patrick pat paddy',
  'peter pete',
  'philip phillip phil',
  'raymond ray',
  'rebecca becky becca',
  'richard dick rick ricky rich richie',
  'robert bob bobby rob robbie bert',
  'ronald ron ronnie',
  'samuel sam sammy',
  'samantha sam sammy',
  'stephen steven steve stevie',
  'susan suzanne sue susie',
  'theodore ted teddy theo',
  'thomas tom tommy',
  'timothy tim timmy',
  'victoria vicky vickie tori',
  'walter walt wally',
  'william bill billy will willy willie liam',
  'zachary zach zack',
  // French
  'emmanuel manu',
  'frederique fred',
  'guillaume guigui',
  'nicolas nico',
  'sebastien seb',
  'stephane steph',
  'stephanie steph fanny',
  'maxime max',
  'florence flo',
  'florian flo',
  'caroline caro',
  'valerie val',
  'valentin val',
  'dominique dom',
  // German
  'johannes hans',
  'josef joseph sepp',
  'friedrich fritz',
  'katharina kathi',
  'magdalena lena',
  'helena lena',
  'ulrich uli',
  'stefanie steffi',
  'andreas andi',
  'sebastian basti',
  'maximilian max',
  'wolfgang wolf',
  // Spanish
  'jose pepe',
  'francisco paco pancho curro',
  'manuel manolo',
  'dolores lola loli',
  'concepcion concha conchi',
  'rosario charo',
  'ignacio nacho',
  'enrique quique',
  'pilar pili',
  'guadalupe lupe',
  'antonio tono',
  'rafael rafa',
  'javier javi',
  'alejandro alex ale',
  'alejandra alex ale',
];

const GROUPS_BY_NAME: ReadonlyMap<string, readonly number[]> = (() => {
  const index = new Map<string, number[]>();
  GROUPS.forEach((group, i) => {
    for (const name of group.split(' ')) index.set(name, [...(index.get(name) ?? []), i]);
  });
  return index;
})();

/** The groups (sorted ids) a folded given name belongs to; empty when it is in none. */
export function nicknameGroups(name: string): readonly number[] {
  return GROUPS_BY_NAME.get(name) ?? [];
}

/** Whether two sorted group lists share a group. */
export function shareGroup(a: readonly number[], b: readonly number[]): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) return true;
    if (a[i]! < b[j]!) i++;
    else j++;
  }
  return false;
}
