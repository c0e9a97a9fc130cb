namespace Senim.Registry.Services;

/// <summary>A text of the demo data in Kazakh, Russian and English.</summary>
internal sealed record DemoText(string Kk, string Ru, string En);

/// <summary>
/// One demo system: the example whose answers classify it (examples/*.yaml, embedded), and what it is called and
/// does, written for this system — a name and a purpose in each language, a description and the data it uses — so
/// that a system's record describes what its name says even where it borrows another example's answers.
/// </summary>
internal sealed record Demo(string Example, string Sector, DemoText Name, DemoText Purpose, string Description, string DataAndModels)
{
    public static readonly Demo ShopRecommender = new("shop-recommender", "retail",
        new("Ұсыныстар жүйесі", "Рекомендательная система магазина", "Shop app recommender"),
        new("Дүкен қосымшасының басты бетінде және әр тауардың астында сатып алушыға тауарларды ұсынады.",
            "Предлагает покупателю товары на главном экране приложения магазина и под каждым товаром.",
            "Suggests products to shoppers on the shop app's home screen and under each product."),
        "Ranks products for each shopper from their browsing and purchase history in the Demo Retail app. Nothing is decided for the shopper, who can switch personal suggestions off.",
        "Twelve months of browsing and purchase history of app users; a matrix-factorisation model retrained weekly.");

    public static readonly Demo Chatbot = new("customer-service-chatbot", "retail",
        new("Қолдау чат-боты", "Чат-бот поддержки покупателей", "Customer-service chatbot"),
        new("Тапсырыстар, жеткізу және тауарды қайтару туралы сатып алушылардың сұрақтарына жауап береді, қаласа операторға қосады.",
            "Отвечает покупателям на вопросы о заказах, доставке и возврате товара и по просьбе переключает на оператора.",
            "Answers shoppers' questions about orders, delivery and returns, and hands over to a person on request."),
        "A language-model chatbot on Demo Retail's website and app. It reads the order status from the shop system and says that it is a bot at the start of every chat.",
        "A hosted large language model with the shop's questions and answers and order-status look-ups; chats are kept for 90 days.");

    public static readonly Demo SpamFilter = new("spam-filter", "finance",
        new("Спам сүзгісі", "Спам-фильтр почты", "Mail spam filter"),
        new("Банк қызметкерлерінің кіріс хаттарын тексеріп, спамды бөлек қалтаға жібереді.",
            "Проверяет входящую почту сотрудников банка и переносит спам в отдельную папку.",
            "Checks the bank staff's incoming e-mail and moves spam to a separate folder."),
        "Scores every message that reaches a Demo Bank mailbox; likely spam goes to a quarantine folder, from which any employee can recover a message.",
        "Message headers and text; a gradient-boosted classifier trained on spam reported by the bank's staff.");

    public static readonly Demo Translation = new("translation-tool", "finance",
        new("Құжаттарды аудару", "Перевод документов", "Document translation"),
        new("Банктің ішкі құжаттарын қазақ, орыс және ағылшын тілдері арасында аударады; нәтижені аудармашы тексереді.",
            "Переводит внутренние документы банка между казахским, русским и английским языками; результат проверяет переводчик.",
            "Translates the bank's internal documents between Kazakh, Russian and English; a translator checks the result."),
        "Staff upload a document and receive a draft translation; the bank's translators review and edit every draft before it is used.",
        "A neural machine-translation model fine-tuned on documents the bank has had translated.");

    public static readonly Demo Triage = new("hospital-triage", "healthcare",
        new("Шұғыл бөлімдегі триаж", "Сортировка пациентов в приёмном отделении", "Emergency department triage"),
        new("Қабылдау бөліміне келген науқастарды өмірлік көрсеткіштері мен шағымдары бойынша шұғылдығына қарай реттейді.",
            "Упорядочивает пациентов приёмного отделения по срочности по жизненным показателям и жалобам.",
            "Orders patients arriving at the emergency department by urgency from their vital signs and complaints."),
        "Runs inside the hospital information system; triage nurses see the suggested order and can change it at any time.",
        "Vital signs and coded complaints of past admissions, anonymised; a gradient-boosted model checked by the hospital's emergency physicians.");

    public static readonly Demo CreditScoring = new("credit-scoring", "finance",
        new("Тұтынушылық кредиттік скоринг", "Потребительский кредитный скоринг", "Consumer credit scoring"),
        new("Тұтынушылық несие өтінімдері бойынша қарыздың қайтарылмау ықтималдығын бағалайды.",
            "Оценивает вероятность невозврата по заявкам на потребительский кредит.",
            "Estimates the probability of default on consumer loan applications."),
        "Loans under 1 million KZT are approved or declined automatically from the score; larger ones go to an underwriter, who sees the score and its main reasons.",
        "Application data and credit bureau records; a gradient-boosted model retrained every quarter.");

    public static readonly Demo CvScreening = new("cv-screening", "employment",
        new("Түйіндемелерді іріктеу", "Отбор резюме", "CV screening assistant"),
        new("Банктегі бос орындарға түскен түйіндемелерді талаптарға сәйкестігі бойынша реттейді.",
            "Ранжирует резюме кандидатов на вакансии банка по соответствию требованиям.",
            "Ranks applications for the bank's vacancies by how well they match the requirements."),
        "Recruiters see the ranking and the experience it matched, and draw up the shortlist themselves.",
        "CVs and vacancy descriptions; a language model scores how well they match.");

    public static readonly Demo Proctoring = new("exam-proctoring", "education",
        new("Емтихан прокторингі", "Прокторинг экзаменов", "Certification exam proctoring"),
        new("Қызметкерлердің онлайн аттестаттау емтихандарын бақылап, ықтимал бұзушылықтарды белгілейді.",
            "Наблюдает за онлайн-экзаменами сотрудников на аттестацию и отмечает возможные нарушения.",
            "Watches staff's online certification exams and flags possible cheating."),
        "Uses webcam video and screen activity during the bank's internal certification exams; an invigilator reviews every flag before anything follows from it.",
        "Webcam video and screen events during the exam; computer-vision models for faces and gaze.");

    public static readonly Demo PowerBalancer = new("power-grid-load-balancer", "energy",
        new("Жүктемені теңестіру", "Балансировка нагрузки энергосети больницы", "Hospital power load balancer"),
        new("Аурухананың электр желісіндегі жүктемені болжап, резервтік генераторлар мен жабдықтың қосылу кестесін жасайды.",
            "Прогнозирует нагрузку на электросеть больницы и составляет график включения резервных генераторов и оборудования.",
            "Forecasts the load on the hospital's power network and schedules its standby generators and equipment."),
        "Keeps operating theatres and intensive care powered through peaks and outages; the engineer on duty can override any schedule.",
        "Five years of the hospital's meter readings and weather data; a time-series forecasting model.");

    public static readonly Demo ClaimDrafting = new("court-drafting-assistant", "justice",
        new("Талап арыздарын дайындау", "Подготовка исковых заявлений", "Claim drafting assistant"),
        new("Банк заңгерлері үшін берешекті өндіріп алу туралы талап арыздарының алғашқы нұсқаларын дайындайды.",
            "Готовит для юристов банка первые проекты исковых заявлений о взыскании задолженности.",
            "Prepares first drafts of debt-recovery claims for the bank's lawyers."),
        "Drafts a claim from the loan file and the payment history; a lawyer checks the facts and the law, edits and signs before anything is filed with a court.",
        "Loan files and payment histories; a large language model with the bank's claim templates.");

    public static readonly Demo Trading = new("autonomous-trading", "finance",
        new("Автономды сауда", "Автономная торговля", "Autonomous trading engine"),
        new("Биржада банктің өз қаражатымен акциялар мен валютаны тәуекел лимиттері шегінде автоматты түрде саудалайды.",
            "Автоматически торгует акциями и валютой на бирже на собственные средства банка в пределах лимитов риска.",
            "Trades equities and currency on the exchange with the bank's own funds, automatically, within risk limits."),
        "Orders are executed in microseconds; no person can correct or cancel an individual order.",
        "Exchange market data; reinforcement-learning trading models.");

    public static readonly Demo LoanBot = new("customer-service-chatbot", "retail",
        new("Несиелік кеңесші бот", "Кредитный консультант-бот", "Loan advice chatbot"),
        new("Дүкен сатып алушыларына бөліп төлеу және серіктес банктердің тұтынушылық несиелері бойынша кеңес береді.",
            "Консультирует покупателей магазина по рассрочке и потребительским кредитам банков-партнёров.",
            "Advises the shop's customers on instalment plans and partner banks' consumer loans."),
        "Explains the terms of instalment plans and partner loans and checks in advance whether a customer is likely to qualify; the partner bank makes the credit decision.",
        "A language model with the partner banks' loan terms and what the customer says in the chat.");

    public static readonly Demo PatientMail = new("spam-filter", "healthcare",
        new("Пациенттер хаттарын сұрыптау", "Сортировка писем пациентов", "Patient mail triage"),
        new("Пациенттердің ауруханаға жазған хаттарын тақырыбы мен шұғылдығы бойынша бөлімдерге бөледі.",
            "Распределяет письма пациентов в больницу по отделениям с учётом темы и срочности.",
            "Sorts patients' letters to the hospital by topic and urgency and routes them to departments."),
        "Reads patients' e-mail and web-form messages, flags urgent ones for the nurse on duty and routes the rest to departments; staff can reassign any message.",
        "Past patient messages with the department that answered them, anonymised; a text-classification language model.");
}
