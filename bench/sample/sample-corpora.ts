/**
 * A tiny bundled sample so that `npm run bench` always runs, even without the shared corpora. The text
 * below was written for kavosh's benchmark (it is not taken from any corpus) and mixes the orthographic
 * cases the real corpora have: ZWNJ and its absence, Arabic ي/ك in Persian text, harakat, hamza forms,
 * teh marbuta and digits in three scripts. Far too small for meaningful timings or quality figures.
 */
import type { BenchDoc } from '../engines/types'

export interface SampleQuery {
  id: string
  lang: 'fa' | 'ar'
  text: string
  relevant: string[]
}

export const SAMPLE_FA_DOCS: BenchDoc[] = [
  {
    id: 'sfa-1',
    lang: 'fa',
    title: 'باغ‌های ایرانی',
    text: 'باغ‌های ایرانی با جوی‌های آب، درختان سرو و حوض‌های بزرگ شناخته می‌شوند. باغ فین در کاشان و باغ ارم در شیراز از مشهورترین نمونه‌ها هستند و هر سال گردشگران زیادی از آن‌ها دیدن می‌کنند.',
  },
  {
    id: 'sfa-2',
    lang: 'fa',
    title: 'نان سنگک',
    text: 'نان سنگک را روی سنگ‌ریزه‌های داغ در تنور می‌پزند. نانوایی‌های قدیمی تهران هنوز صبح زود صف‌های طولانی دارند و بسیاری از مردم نان تازه را با پنیر و سبزی می‌خورند.',
  },
  {
    id: 'sfa-3',
    lang: 'fa',
    title: 'کتابخانهٔ شهر',
    text: 'کتابخانهٔ مرکزی شهر از ساعت ۸ صبح تا ۸ شب باز است. اعضا می‌توانند تا ۵ کتاب را برای دو هفته امانت بگیرند و کتاب‌های تازه هر ماه به قفسه‌ها اضافه می‌شوند.',
  },
  {
    id: 'sfa-4',
    lang: 'fa',
    title: 'باران پاییزی',
    text: 'باران‌های پاییزی امسال زودتر از همیشه رسید. کشاورزان شمال کشور می‌گویند برداشت برنج پیش از بارش‌ها تمام شد و انبارها پر است.',
  },
  {
    id: 'sfa-5',
    lang: 'fa',
    title: 'مسابقهٔ فوتبال',
    text: 'تیم فوتبال مدرسه در مسابقهٔ نهایی با نتیجهٔ 2 بر 1 پیروز شد. مربی تیم گفت بازیکنان جوان در نیمهٔ دوم بهتر از همیشه بازی کردند.',
  },
  {
    id: 'sfa-6',
    lang: 'fa',
    title: 'سفر به اصفهان',
    text: 'در سفر به اصفهان از میدان نقش جهان، سی‌وسه‌پل و کاخ چهل‌ستون دیدن کردیم. شب‌ها کنار زاینده‌رود قدم می‌زدیم و چای می‌نوشیدیم.',
  },
  {
    id: 'sfa-7',
    lang: 'fa',
    title: 'آموزش برنامه‌نویسی',
    text: 'دورهٔ تازهٔ آموزش برنامه‌نویسی برای نوجوانان از مهر ۱۴۰۳ آغاز می‌شود. شرکت‌کنندگان در پایان دوره یک بازی ساده می‌سازند.',
  },
  {
    id: 'sfa-8',
    lang: 'fa',
    title: 'بازار تبریز',
    text: 'بازار سرپوشیدهٔ تبریز یکی از بزرگ‌ترین بازارهای قدیمی جهان است. فرش‌فروشان و ادویه‌فروشان در راسته‌های آن کنار هم کار می‌کنند.',
  },
  {
    id: 'sfa-9',
    lang: 'fa',
    title: 'گزارش هواشناسي',
    text: 'سازمان هواشناسي اعلام كرد دماي هوا در بيشتر شهرهاي كشور كاهش مي يابد و در ارتفاعات برف مي بارد.',
  },
]

export const SAMPLE_FA_QUERIES: SampleQuery[] = [
  { id: 'sfa-q1', lang: 'fa', text: 'باغ ایرانی', relevant: ['sfa-1'] },
  { id: 'sfa-q2', lang: 'fa', text: 'نانوایی تهران', relevant: ['sfa-2'] },
  { id: 'sfa-q3', lang: 'fa', text: 'ساعت کار کتابخانه', relevant: ['sfa-3'] },
  { id: 'sfa-q4', lang: 'fa', text: 'برداشت برنج', relevant: ['sfa-4'] },
  { id: 'sfa-q5', lang: 'fa', text: 'فوتبال مدرسه', relevant: ['sfa-5'] },
  { id: 'sfa-q6', lang: 'fa', text: 'میدان نقش جهان اصفهان', relevant: ['sfa-6'] },
  { id: 'sfa-q7', lang: 'fa', text: 'آموزش برنامه نویسی نوجوانان ۱۴۰۳', relevant: ['sfa-7'] },
  { id: 'sfa-q8', lang: 'fa', text: 'بازار قدیمی تبریز', relevant: ['sfa-8'] },
  { id: 'sfa-q9', lang: 'fa', text: 'برف در ارتفاعات کشور', relevant: ['sfa-9'] },
  { id: 'sfa-q10', lang: 'fa', text: 'کتاب‌های تازه', relevant: ['sfa-3'] },
]

export const SAMPLE_AR_DOCS: BenchDoc[] = [
  {
    id: 'sar-1',
    lang: 'ar',
    title: 'المكتبة العامة',
    text: 'تفتح المكتبة العامة أبوابها من الساعة ٩ صباحاً حتى ٥ مساءً. يستطيع القرّاء استعارة ثلاثة كتب لمدة أسبوعين، وتُضاف كتب جديدة إلى الرفوف كل شهر.',
  },
  {
    id: 'sar-2',
    lang: 'ar',
    title: 'زراعة النخيل',
    text: 'تُعدّ زراعة النخيل من أقدم المهن في الجزيرة العربية. يجني المزارعون التمور في نهاية الصيف ويبيعونها في الأسواق المحلية.',
  },
  {
    id: 'sar-3',
    lang: 'ar',
    title: 'رحلة إلى البحر',
    text: 'ذهبت العائلة في رحلة قصيرة إلى شاطئ البحر الأحمر. سبح الأطفال في الماء الصافي وشاهدوا الأسماك الملوّنة بين الشعاب المرجانية.',
  },
  {
    id: 'sar-4',
    lang: 'ar',
    title: 'مدرسة جديدة',
    text: 'افتُتِحَت مَدْرَسَةٌ جديدة في الحيّ تضمّ 24 فصلاً ومختبراً للعلوم وملعباً كبيراً لكرة القدم.',
  },
  {
    id: 'sar-5',
    lang: 'ar',
    title: 'الطقس',
    text: 'توقّعت هيئة الأرصاد هطول أمطار غزيرة على المناطق الجنوبية مع انخفاض ملحوظ في درجات الحرارة خلال عطلة نهاية الأسبوع.',
  },
  {
    id: 'sar-6',
    lang: 'ar',
    title: 'القهوة العربية',
    text: 'تُقدَّم القهوة العربية في فناجين صغيرة مع التمر، وتُحضَّر من البنّ المحمّص الخفيف والهيل. وتُعدّ رمزاً للكرم والضيافة.',
  },
  {
    id: 'sar-7',
    lang: 'ar',
    title: 'مسابقة الشعر',
    text: 'فاز شاعر شاب بالمركز الأول في مسابقة الشعر السنوية عن قصيدة تتحدّث عن الغربة والحنين إلى الوطن.',
  },
  {
    id: 'sar-8',
    lang: 'ar',
    title: 'سوق الكتب',
    text: 'يجتمع بائعو الكتب المستعملة كل يوم جمعة في السوق القديم، حيث يجد القرّاء روايات نادرة بأسعار زهيدة.',
  },
]

export const SAMPLE_AR_QUERIES: SampleQuery[] = [
  { id: 'sar-q1', lang: 'ar', text: 'استعارة الكتب من المكتبة', relevant: ['sar-1'] },
  { id: 'sar-q2', lang: 'ar', text: 'زراعة النخيل والتمور', relevant: ['sar-2'] },
  { id: 'sar-q3', lang: 'ar', text: 'شاطئ البحر الأحمر', relevant: ['sar-3'] },
  { id: 'sar-q4', lang: 'ar', text: 'مدرسة جديدة ٢٤ فصلا', relevant: ['sar-4'] },
  { id: 'sar-q5', lang: 'ar', text: 'أمطار غزيرة', relevant: ['sar-5'] },
  { id: 'sar-q6', lang: 'ar', text: 'القهوة العربية والهيل', relevant: ['sar-6'] },
  { id: 'sar-q7', lang: 'ar', text: 'مسابقة الشعر', relevant: ['sar-7'] },
  { id: 'sar-q8', lang: 'ar', text: 'سوق الكتب المستعملة', relevant: ['sar-8'] },
]
