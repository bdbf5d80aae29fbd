// A burst for the emerging issues tests (e2e, the authorization matrix, the browser test).
// Eight items published now about one new subject (a water cut), for the council of the demo roles.
export function burstLines(tag) {
  const now = new Date().toUTCString();
  const say = [
    'قطعی آب در محله‌های جنوبی قزوین ادامه دارد و ساکنان گلایه دارند.',
    'شرکت آب و فاضلاب علت قطعی آب را شکستگی لوله اصلی اعلام کرد.',
    'ساکنان محله‌های جنوبی به دلیل قطعی آب به تانکر روی آورده‌اند.',
    'شورای شهر درباره قطعی آب محله‌های جنوبی توضیح خواست.',
  ];
  // Each item its own closing sentence, so that no two are copies of one text.
  const places = ['نازی‌آباد', 'خیام', 'منتظری', 'پونک', 'مینودر', 'راه‌آهن', 'ولیعصر', 'بلاغی'];
  return places.map((place, i) => JSON.stringify({
    title: `قطعی آب محله‌های جنوبی (${i + 1})`, abstract: say[i % 4],
    paragraphs: [say[(i + 1) % 4], say[(i + 2) % 4], `خبرنگار ما از محلهٔ ${place} گزارش داد.`],
    published: now, link: `https://outlet.example/${tag}/${i}`,
  })).join('\n') + '\n';
}
