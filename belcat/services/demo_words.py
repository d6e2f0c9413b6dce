"""Word lists of the demo data: places, name parts, terms, products.

Every entry is given in Russian, Belarusian and English ("ru|be|en"), so a
demo record carries the three name forms a real one would. Nothing here names
a real organization: names are built from these parts by ``demo.py``.
"""

REFERENCE_YEAR = 2026  # "now" of the demo world, fixed so that runs are identical


def weighted(pairs):
    """(values, cumulative weights) for random.choices."""
    values = [v for v, _ in pairs]
    cum, total = [], 0
    for _, w in pairs:
        total += w
        cum.append(total)
    return values, cum


def _t(spec: str) -> tuple[str, str, str]:
    ru, be, en = spec.split("|")
    return ru, be, en


# Region code -> (weight for residents, weight for other Belarusian organizations,
# cities as (name ru|be|en, adjective ru|be, phone area code)).
REGION_CITIES = {
    "minsk_city": (76, 24, [("Минск|Мінск|Minsk", "Минский|Мінскі", "17")]),
    "minsk": (6, 14, [
        ("Борисов|Барысаў|Borisov", "Борисовский|Барысаўскі", "177"),
        ("Солигорск|Салігорск|Soligorsk", "Солигорский|Салігорскі", "174"),
        ("Молодечно|Маладзечна|Molodechno", "Молодечненский|Маладзечанскі", "176"),
        ("Жодино|Жодзіна|Zhodino", "Жодинский|Жодзінскі", "1775"),
        ("Слуцк|Слуцк|Slutsk", "Слуцкий|Слуцкі", "1795"),
        ("Дзержинск|Дзяржынск|Dzerzhinsk", "Дзержинский|Дзяржынскі", "1716"),
        ("Вилейка|Вілейка|Vileyka", "Вилейский|Вілейскі", "1771"),
        ("Марьина Горка|Мар'іна Горка|Maryina Gorka", "Пуховичский|Пухавіцкі", "1713"),
        ("Несвиж|Нясвіж|Nesvizh", "Несвижский|Нясвіжскі", "1770"),
    ]),
    "brest": (3, 11, [
        ("Брест|Брэст|Brest", "Брестский|Брэсцкі", "162"),
        ("Барановичи|Баранавічы|Baranovichi", "Барановичский|Баранавіцкі", "163"),
        ("Пинск|Пінск|Pinsk", "Пинский|Пінскі", "165"),
        ("Кобрин|Кобрын|Kobrin", "Кобринский|Кобрынскі", "1642"),
        ("Берёза|Бяроза|Bereza", "Берёзовский|Бярозаўскі", "1643"),
        ("Лунинец|Лунінец|Luninets", "Лунинецкий|Лунінецкі", "1647"),
        ("Пружаны|Пружаны|Pruzhany", "Пружанский|Пружанскі", "1632"),
    ]),
    "vitebsk": (4, 11, [
        ("Витебск|Віцебск|Vitebsk", "Витебский|Віцебскі", "212"),
        ("Орша|Орша|Orsha", "Оршанский|Аршанскі", "216"),
        ("Новополоцк|Наваполацк|Novopolotsk", "Новополоцкий|Наваполацкі", "214"),
        ("Полоцк|Полацк|Polotsk", "Полоцкий|Полацкі", "214"),
        ("Глубокое|Глыбокае|Glubokoe", "Глубокский|Глыбоцкі", "2156"),
        ("Поставы|Паставы|Postavy", "Поставский|Пастаўскі", "2155"),
    ]),
    "gomel": (5, 14, [
        ("Гомель|Гомель|Gomel", "Гомельский|Гомельскі", "232"),
        ("Мозырь|Мазыр|Mozyr", "Мозырский|Мазырскі", "236"),
        ("Жлобин|Жлобін|Zhlobin", "Жлобинский|Жлобінскі", "2334"),
        ("Речица|Рэчыца|Rechitsa", "Речицкий|Рэчыцкі", "2340"),
        ("Светлогорск|Светлагорск|Svetlogorsk", "Светлогорский|Светлагорскі", "2342"),
        ("Калинковичи|Калінкавічы|Kalinkovichi", "Калинковичский|Калінкавіцкі", "2345"),
        ("Рогачёв|Рагачоў|Rogachev", "Рогачёвский|Рагачоўскі", "2339"),
    ]),
    "grodno": (3, 12, [
        ("Гродно|Гродна|Grodno", "Гродненский|Гродзенскі", "152"),
        ("Лида|Ліда|Lida", "Лидский|Лідскі", "154"),
        ("Слоним|Слонім|Slonim", "Слонимский|Слонімскі", "1562"),
        ("Волковыск|Ваўкавыск|Volkovysk", "Волковысский|Ваўкавыскі", "1512"),
        ("Сморгонь|Смаргонь|Smorgon", "Сморгонский|Смаргонскі", "1592"),
        ("Новогрудок|Навагрудак|Novogrudok", "Новогрудский|Навагрудскі", "1597"),
    ]),
    "mogilev": (3, 14, [
        ("Могилёв|Магілёў|Mogilev", "Могилёвский|Магілёўскі", "222"),
        ("Бобруйск|Бабруйск|Bobruisk", "Бобруйский|Бабруйскі", "225"),
        ("Горки|Горкі|Gorki", "Горецкий|Горацкі", "2233"),
        ("Кричев|Крычаў|Krichev", "Кричевский|Крычаўскі", "2241"),
        ("Осиповичи|Асіповічы|Osipovichi", "Осиповичский|Асіповіцкі", "2235"),
        ("Шклов|Шклоў|Shklov", "Шкловский|Шклоўскі", "2239"),
    ]),
}

STREETS = (
    "ул. Купревича", "ул. Академика Купревича", "пр-т Независимости", "ул. Притыцкого",
    "ул. Ленина", "ул. Советская", "ул. Калиновского", "ул. Сурганова", "ул. Богдановича",
    "ул. Октябрьская", "ул. Промышленная", "ул. Заводская", "ул. Интернациональная",
    "пр-т Победителей", "ул. Гикало", "ул. Некрасова", "ул. Первомайская", "ул. Мира",
)
MOBILE_CODES = ("29", "33", "44", "25")

# Brand names of residents: a stem and an ending, e.g. Нейро + софт.
BRAND_STEMS = tuple(_t(s) for s in (
    "Нейро|Нейра|Neuro", "Дата|Дата|Data", "Кибер|Кібер|Cyber", "Инфо|Інфа|Info",
    "Техно|Тэхна|Techno", "Смарт|Смарт|Smart", "Гео|Геа|Geo", "Био|Біа|Bio",
    "Медиа|Медыя|Media", "Квант|Квант|Quant", "Вектор|Вектар|Vector", "Альфа|Альфа|Alfa",
    "Бел|Бел|Bel", "Интел|Інтэл|Intel", "Сигма|Сігма|Sigma", "Омега|Амега|Omega",
    "Эко|Эка|Eco", "Мега|Мега|Mega", "Пиксел|Піксел|Pixel", "Лого|Лага|Logo",
    "Сфера|Сфера|Sphere", "Нова|Нова|Nova", "Гига|Гіга|Giga", "Атлас|Атлас|Atlas",
    "Спектр|Спектр|Spectr", "Айти|Айці|IT", "Робо|Роба|Robo", "Скай|Скай|Sky",
    "Тера|Тэра|Tera", "Поли|Полі|Poly", "Ориен|Арыен|Orien", "Лайт|Лайт|Light",
    "Фокус|Фокус|Focus", "Стрим|Стрым|Stream", "Клауд|Клаўд|Cloud", "Вижн|Віжн|Vision",
    "Алго|Алга|Algo", "Инно|Іна|Inno", "Про|Пра|Pro", "Форт|Форт|Fort",
    "Зубр|Зубр|Zubr", "Лён|Лён|Lyon", "Неман|Нёман|Neman", "Янтар|Янтар|Yantar",
    "Ветра|Ветра|Vetra", "Мета|Мета|Meta", "Радиус|Радыус|Radius", "Орбита|Арбіта|Orbita",
))
BRAND_ENDINGS = tuple(_t(s) for s in (
    "софт|софт|soft", "лаб|лаб|lab", "тех|тэх|tech", "сервис|сэрвіс|service",
    "систем|сістэм|system", "логик|логік|logic", "код|код|code", "линк|лінк|link",
    "вэй|вэй|way", "форс|форс|force", "граф|граф|graph", "скан|скан|scan",
    "пульс|пульс|pulse", "трек|трэк|track", "нет|нэт|net", "вэр|вэр|ware",
    "бит|біт|bit", "мейк|мейк|make", "сайт|сайт|site", "ком|ком|com",
    "дизайн|дызайн|design", "бридж|брыдж|bridge", "пойнт|пойнт|point", "вьюс|в'юс|views",
    "матик|матык|matic", "ника|ніка|nika", "трон|трон|tron", "вижн|віжн|vision",
))
BRAND_SUFFIXES = tuple(_t(s) for s in (
    "Лаб|Лаб|Lab", "Групп|Груп|Group", "Системс|Сістэмс|Systems", "Солюшнс|Салюшнс|Solutions",
    "Девелопмент|Дэвелапмент|Development", "Диджитал|Дыджытал|Digital",
    "Технолоджис|Тэхналоджыс|Technologies", "Студио|Студыё|Studio", "Консалтинг|Кансалтынг|Consulting",
    "Софт|Софт|Soft", "Сервис|Сэрвіс|Service", "Инжиниринг|Інжынірынг|Engineering",
    "Аналитикс|Аналітыкс|Analytics", "Интеграция|Інтэграцыя|Integration", "Медиа|Медыя|Media",
    "Роботикс|Робатыкс|Robotics", "Геймс|Геймс|Games", "Финтех|Фінтэх|Fintech",
    "Плюс|Плюс|Plus", "Про|Пра|Pro", "Бел|Бел|Bel", "Инвест|Інвест|Invest", "Партнерс|Партнэрс|Partners",
    "Ай Ти|Ай Ці|IT", "Лабс|Лабс|Labs", "Тим|Цім|Team", "Хаб|Хаб|Hub", "Вэлли|Вэлі|Valley",
    "Интернэшнл|Інтэрнэшнл|International", "Эксперт|Эксперт|Expert",
))

# Enterprise kinds after a city adjective: (name ru|be|en, sector code, products).
ENTERPRISE_KINDS = (
    ("тракторный завод|трактарны завод|Tractor Plant", "agri_machinery", "тракторы, коммунальная техника"),
    ("завод сельхозмашин|завод сельгасмашын|Agricultural Machinery Plant", "agri_machinery",
     "зерноуборочные комбайны, кормоуборочная техника"),
    ("станкостроительный завод|станкабудаўнічы завод|Machine-Tool Plant", "machine_building",
     "станки с ЧПУ, обрабатывающие центры"),
    ("механический завод|механічны завод|Mechanical Plant", "machine_building",
     "металлоконструкции, запасные части"),
    ("инструментальный завод|інструментальны завод|Tool Plant", "machine_building",
     "режущий инструмент, оснастка"),
    ("завод точного литья|завод дакладнага ліцця|Precision Casting Plant", "metallurgy",
     "отливки из чугуна и стали"),
    ("металлургический завод|металургічны завод|Steel Works", "metallurgy", "сортовой прокат, металлокорд"),
    ("приборостроительный завод|прыборабудаўнічы завод|Instrument-Making Plant", "electronics",
     "приборы учёта, контрольно-измерительная аппаратура"),
    ("радиозавод|радыёзавод|Radio Plant", "electronics", "радиоэлектронные модули, печатные платы"),
    ("электротехнический завод|электратэхнічны завод|Electrical Equipment Plant", "energy",
     "трансформаторы, распределительные устройства"),
    ("молочный комбинат|малочны камбінат|Dairy Plant", "food", "сыры, масло, сухое молоко"),
    ("мясокомбинат|мясакамбінат|Meat Processing Plant", "food", "колбасные изделия, полуфабрикаты"),
    ("хлебозавод|хлебазавод|Bakery", "food", "хлеб, хлебобулочные изделия"),
    ("консервный завод|кансервавы завод|Cannery", "food", "овощные консервы, соки"),
    ("льнозавод|льнозавод|Flax Mill", "textile", "льноволокно, льняные ткани"),
    ("текстильный комбинат|тэкстыльны камбінат|Textile Mill", "textile", "ткани, трикотаж"),
    ("деревообрабатывающий комбинат|дрэваапрацоўчы камбінат|Woodworking Plant", "wood",
     "плиты ДСП и МДФ, мебельные щиты"),
    ("мебельный комбинат|мэблевы камбінат|Furniture Factory", "wood", "корпусная мебель"),
    ("комбинат строительных материалов|камбінат будаўнічых матэрыялаў|Building Materials Plant",
     "construction", "кирпич, сухие смеси, бетон"),
    ("завод железобетонных изделий|завод жалезабетонных вырабаў|Precast Concrete Plant",
     "construction", "железобетонные конструкции"),
    ("химический завод|хімічны завод|Chemical Plant", "chemicals", "лаки, краски, полимеры"),
    ("завод минеральных удобрений|завод мінеральных угнаенняў|Fertilizer Plant", "chemicals",
     "азотные и фосфорные удобрения"),
    ("нефтеперерабатывающий завод|нафтаперапрацоўчы завод|Oil Refinery", "oil_gas",
     "моторное топливо, битум"),
    ("целлюлозно-картонный комбинат|цэлюлозна-кардонны камбінат|Pulp and Cardboard Mill", "pulp_paper",
     "картон, бумага"),
    ("фармацевтический завод|фармацэўтычны завод|Pharmaceutical Plant", "pharma",
     "таблетированные лекарственные средства"),
    ("завод медицинских изделий|завод медыцынскіх вырабаў|Medical Devices Plant", "medical_devices",
     "шприцы, системы переливания"),
    ("оптико-механический завод|оптыка-механічны завод|Optical-Mechanical Plant", "optics",
     "оптические прицелы, объективы"),
    ("вагоноремонтный завод|вагонарамонтны завод|Railcar Repair Plant", "railway",
     "ремонт грузовых вагонов"),
    ("автобусный завод|аўтобусны завод|Bus Plant", "automotive", "городские автобусы, электробусы"),
    ("завод карданных валов|завод кардавых валоў|Cardan Shaft Plant", "automotive",
     "карданные валы, редукторы"),
    ("агрокомбинат|агракамбінат|Agricultural Complex", "agriculture", "молоко, зерно, мясо птицы"),
    ("тепличный комбинат|цяплічны камбінат|Greenhouse Complex", "agriculture", "овощи защищённого грунта"),
    ("горно-обогатительный комбинат|горна-ўзбагачальны камбінат|Mining and Processing Plant",
     "mining", "калийные соли, щебень"),
    ("стекольный завод|шкляны завод|Glass Works", "construction", "стеклотара, листовое стекло"),
)

# Brand names of enterprises: a place or river and an industry root, e.g. Полесье + маш.
INDUSTRY_STEMS = tuple(_t(s) for s in (
    "Полесье|Палессе|Polesie", "Неман|Нёман|Neman", "Двина|Дзвіна|Dvina", "Сож|Сож|Sozh",
    "Березина|Бярэзіна|Berezina", "Припять|Прыпяць|Pripyat", "Зубр|Зубр|Zubr", "Бел|Бел|Bel",
    "Лад|Лад|Lad", "Вилия|Вілія|Viliya", "Нарочь|Нарач|Naroch", "Славия|Славія|Slavia",
    "Кривич|Крывіч|Krivich", "Днепр|Дняпро|Dnepr", "Волма|Волма|Volma", "Птичь|Пціч|Ptich",
    "Ясельда|Ясельда|Yaselda", "Лучоса|Лучоса|Luchosa", "Свислочь|Свіслач|Svisloch", "Ислочь|Іслач|Isloch",
))
INDUSTRY_ROOTS = tuple(_t(s) for s in (
    "маш|маш|mash", "агро|агра|agro", "пром|прам|prom", "строй|буд|stroy", "прибор|прыбор|pribor",
    "лит|літ|lit", "хим|хім|khim", "текс|тэкс|tex", "мебель|мэбля|mebel", "молоко|малако|moloko",
    "электро|электра|elektro", "металл|метал|metall", "древ|дрэў|drev", "стекло|шкло|steklo",
    "оптик|оптык|optik", "термо|тэрма|termo", "авто|аўта|avto", "продукт|прадукт|product",
))

RESEARCH_FIELDS = tuple(_t(s) for s in (
    "физики твёрдого тела|фізікі цвёрдага цела|Solid State Physics",
    "прикладной оптики|прыкладной оптыкі|Applied Optics",
    "механики металлополимерных систем|механікі металапалімерных сістэм|Mechanics of Metal-Polymer Systems",
    "информатики|інфарматыкі|Informatics",
    "химии новых материалов|хіміі новых матэрыялаў|Chemistry of New Materials",
    "биоорганической химии|біяарганічнай хіміі|Bioorganic Chemistry",
    "генетики и цитологии|генетыкі і цыталогіі|Genetics and Cytology",
    "энергетики|энергетыкі|Power Engineering",
    "порошковой металлургии|парашковай металургіі|Powder Metallurgy",
    "технической акустики|тэхнічнай акустыкі|Technical Acoustics",
    "тепло- и массообмена|цепла- і масаабмену|Heat and Mass Transfer",
    "микробиологии|мікрабіялогіі|Microbiology",
    "машиноведения|машыназнаўства|Machine Science",
    "прикладной физики|прыкладной фізікі|Applied Physics",
    "радиобиологии|радыябіялогіі|Radiobiology",
    "экспериментальной ботаники|эксперыментальнай батанікі|Experimental Botany",
    "почвоведения и агрохимии|глебазнаўства і аграхіміі|Soil Science and Agrochemistry",
    "кибернетики|кібернетыкі|Cybernetics",
))
UNIVERSITY_KINDS = tuple(_t(s) for s in (
    "государственный университет|дзяржаўны ўніверсітэт|State University",
    "государственный технический университет|дзяржаўны тэхнічны ўніверсітэт|State Technical University",
    "государственный аграрный университет|дзяржаўны аграрны ўніверсітэт|State Agrarian University",
    "государственный медицинский университет|дзяржаўны медыцынскі ўніверсітэт|State Medical University",
    "государственный колледж электроники|дзяржаўны каледж электронікі|State College of Electronics",
))
HOSPITAL_KINDS = tuple(_t(s) for s in (
    "городская клиническая больница|гарадская клінічная бальніца|City Clinical Hospital",
    "центральная районная больница|цэнтральная раённая бальніца|Central District Hospital",
    "городская поликлиника|гарадская паліклініка|City Polyclinic",
    "детская клиническая больница|дзіцячая клінічная бальніца|Children's Clinical Hospital",
    "областная клиническая больница|абласная клінічная бальніца|Regional Clinical Hospital",
))
GOVERNMENT_KINDS = tuple(_t(s) for s in (
    "городской исполнительный комитет|гарадскі выканаўчы камітэт|City Executive Committee",
    "районный исполнительный комитет|раённы выканаўчы камітэт|District Executive Committee",
    "центр стандартизации, метрологии и сертификации|цэнтр стандартызацыі, метралогіі і сертыфікацыі"
    "|Centre for Standardization, Metrology and Certification",
    "центр научно-технической информации|цэнтр навукова-тэхнічнай інфармацыі"
    "|Centre for Scientific and Technical Information",
    "отдел по образованию|аддзел па адукацыі|Education Department",
))

# Foreign partners: country code -> (cities ru|be|en, company ending in English).
FOREIGN = {
    "RU": (("Москва|Масква|Moscow", "Санкт-Петербург|Санкт-Пецярбург|Saint Petersburg",
            "Казань|Казань|Kazan"), "JSC"),
    "CN": (("Пекин|Пекін|Beijing", "Шэньчжэнь|Шэньчжэнь|Shenzhen", "Шанхай|Шанхай|Shanghai"),
           "Co., Ltd."),
    "KZ": (("Астана|Астана|Astana", "Алматы|Алматы|Almaty"), "LLP"),
    "UZ": (("Ташкент|Ташкент|Tashkent",), "LLC"),
    "DE": (("Берлин|Берлін|Berlin", "Мюнхен|Мюнхен|Munich"), "GmbH"),
    "TR": (("Стамбул|Стамбул|Istanbul", "Анкара|Анкара|Ankara"), "A.Ş."),
    "IN": (("Бангалор|Бангалор|Bengaluru",), "Pvt. Ltd."),
    "VN": (("Ханой|Ханой|Hanoi",), "JSC"),
    "RS": (("Белград|Бялград|Belgrade",), "d.o.o."),
    "AZ": (("Баку|Баку|Baku",), "LLC"),
    "AE": (("Дубай|Дубай|Dubai",), "FZ-LLC"),
    "PL": (("Варшава|Варшава|Warsaw",), "Sp. z o.o."),
}

# Terms the demo adds when missing: sectors and technologies by code.
SECTORS = {code: _t(s) for code, s in (
    ("it", "Информационные технологии|Інфармацыйныя тэхналогіі|Information technology"),
    ("machine_building", "Машиностроение|Машынабудаванне|Machine building"),
    ("agri_machinery", "Сельскохозяйственное машиностроение|Сельскагаспадарчае машынабудаванне"
                       "|Agricultural machinery"),
    ("oil_gas", "Нефтегазовая отрасль|Нафтагазавая галіна|Oil and gas"),
    ("mining", "Горнодобывающая промышленность|Горназдабыўная прамысловасць|Mining"),
    ("pulp_paper", "Целлюлозно-бумажная промышленность|Цэлюлозна-папяровая прамысловасць|Pulp and paper"),
    ("food", "Пищевая промышленность|Харчовая прамысловасць|Food industry"),
    ("optics", "Оптическая промышленность|Аптычная прамысловасць|Optics industry"),
    ("healthcare", "Здравоохранение|Ахова здароўя|Healthcare"),
    ("medical_devices", "Медицинские изделия|Медыцынскія вырабы|Medical devices"),
    ("pharma", "Лекарственные средства|Лекавыя сродкі|Pharmaceuticals"),
    ("railway", "Железнодорожный транспорт|Чыгуначны транспарт|Railways"),
    ("metallurgy", "Металлургия|Металургія|Metallurgy"),
    ("electronics", "Электроника и приборостроение|Электроніка і прыборабудаванне|Electronics"),
    ("energy", "Энергетика|Энергетыка|Energy"),
    ("textile", "Лёгкая промышленность|Лёгкая прамысловасць|Textiles and clothing"),
    ("wood", "Деревообработка|Дрэваапрацоўка|Woodworking"),
    ("construction", "Строительство и стройматериалы|Будаўніцтва і будматэрыялы|Construction"),
    ("chemicals", "Химическая промышленность|Хімічная прамысловасць|Chemicals"),
    ("automotive", "Автомобилестроение|Аўтамабілебудаванне|Automotive"),
    ("agriculture", "Сельское хозяйство|Сельская гаспадарка|Agriculture"),
    ("fintech", "Финансовые технологии|Фінансавыя тэхналогіі|Fintech"),
    ("ecommerce", "Электронная торговля|Электронны гандаль|E-commerce"),
    ("telecom", "Связь|Сувязь|Telecommunications"),
    ("logistics", "Логистика|Лагістыка|Logistics"),
    ("education", "Образование|Адукацыя|Education"),
    ("gaming", "Компьютерные игры|Камп'ютарныя гульні|Games"),
    ("public_sector", "Государственное управление|Дзяржаўнае кіраванне|Public administration"),
)}
TECHNOLOGIES = {code: _t(s) for code, s in (
    ("ai", "Системы на основе искусственного интеллекта|Сістэмы на аснове штучнага інтэлекту"
           "|Artificial intelligence"),
    ("big_data", "Обработка больших данных|Апрацоўка вялікіх даных|Big data"),
    ("robotics", "Робототехника|Робататэхніка|Robotics"),
    ("microelectronics", "Микроэлектроника|Мікраэлектроніка|Microelectronics"),
    ("optics_lasers", "Оптические и лазерные технологии|Аптычныя і лазерныя тэхналогіі|Optics and lasers"),
    ("biotech", "Биотехнологии|Біятэхналогіі|Biotechnology"),
    ("new_materials", "Новые материалы|Новыя матэрыялы|New materials"),
    ("computer_vision", "Компьютерное зрение|Камп'ютарны зрок|Computer vision"),
    ("nlp", "Обработка естественного языка|Апрацоўка натуральнай мовы|Natural language processing"),
    ("iot", "Интернет вещей|Інтэрнэт рэчаў|Internet of things"),
    ("cloud", "Облачные вычисления|Воблачныя вылічэнні|Cloud computing"),
    ("cybersecurity", "Информационная безопасность|Інфармацыйная бяспека|Cybersecurity"),
    ("blockchain", "Блокчейн|Блокчэйн|Blockchain"),
    ("ar_vr", "Дополненная и виртуальная реальность|Дапоўненая і віртуальная рэальнасць|AR and VR"),
    ("embedded", "Встраиваемые системы|Убудаваныя сістэмы|Embedded systems"),
    ("gis", "Геоинформационные системы|Геаінфармацыйныя сістэмы|GIS"),
    ("erp", "Системы управления предприятием|Сістэмы кіравання прадпрыемствам|ERP systems"),
    ("mobile", "Мобильные приложения|Мабільныя праграмы|Mobile applications"),
    ("digital_twin", "Цифровые двойники|Лічбавыя двайнікі|Digital twins"),
    ("additive", "Аддитивные технологии|Адытыўныя тэхналогіі|Additive manufacturing"),
    ("drones", "Беспилотные авиационные комплексы|Беспілотныя авіяцыйныя комплексы|Drones"),
    ("precision_welding", "Прецизионная сварка|Прэцызійная зварка|Precision welding"),
    ("precision_metalworking", "Прецизионная металлообработка|Прэцызійная металаапрацоўка"
                               "|Precision metalworking"),
)}
COUNTRIES = {code: _t(s) for code, s in (
    ("RU", "Россия|Расія|Russia"), ("CN", "Китай|Кітай|China"), ("KZ", "Казахстан|Казахстан|Kazakhstan"),
    ("UZ", "Узбекистан|Узбекістан|Uzbekistan"), ("DE", "Германия|Германія|Germany"),
    ("TR", "Турция|Турцыя|Turkey"), ("IN", "Индия|Індыя|India"), ("VN", "Вьетнам|В'етнам|Vietnam"),
    ("RS", "Сербия|Сербія|Serbia"), ("AZ", "Азербайджан|Азербайджан|Azerbaijan"),
    ("AE", "ОАЭ|ААЭ|United Arab Emirates"), ("PL", "Польша|Польшча|Poland"),
    ("US", "США|ЗША|United States"), ("GB", "Великобритания|Вялікабрытанія|United Kingdom"),
    ("AM", "Армения|Арменія|Armenia"), ("GE", "Грузия|Грузія|Georgia"),
)}

# What residents make: (product ru, technology code, customer sector code or None).
SOFTWARE = (
    ("система электронного документооборота", "erp", "public_sector"),
    ("мобильный банк", "mobile", "fintech"),
    ("платформа видеоаналитики", "computer_vision", None),
    ("ERP-система для промышленных предприятий", "erp", "machine_building"),
    ("система мониторинга транспорта", "gis", "logistics"),
    ("платформа корпоративного обучения", "cloud", "education"),
    ("облачная CRM", "cloud", None),
    ("сервис распознавания документов", "nlp", "fintech"),
    ("система предиктивного обслуживания оборудования", "ai", "machine_building"),
    ("MES-система", "erp", "machine_building"),
    ("цифровой двойник производства", "digital_twin", "machine_building"),
    ("платёжный шлюз", "cloud", "fintech"),
    ("антифрод-система", "ai", "fintech"),
    ("чат-бот поддержки клиентов", "nlp", "telecom"),
    ("геоинформационная система", "gis", "agriculture"),
    ("система учёта энергоресурсов", "iot", "energy"),
    ("IoT-платформа", "iot", None),
    ("медицинская информационная система", "cloud", "healthcare"),
    ("телемедицинский сервис", "mobile", "healthcare"),
    ("мобильные игры", "mobile", "gaming"),
    ("система машинного зрения для контроля качества", "computer_vision", "food"),
    ("складская система WMS", "erp", "logistics"),
    ("платформа электронной коммерции", "cloud", "ecommerce"),
    ("система защиты информации", "cybersecurity", None),
    ("BI-платформа", "big_data", None),
    ("роботизированная автоматизация процессов (RPA)", "robotics", None),
    ("система голосовой аналитики", "nlp", "telecom"),
    ("сервис электронной подписи", "blockchain", "public_sector"),
    ("АСУ ТП", "embedded", "chemicals"),
    ("программное обеспечение для станков с ЧПУ", "embedded", "machine_building"),
    ("тренажёры виртуальной реальности", "ar_vr", "education"),
    ("беспилотный комплекс мониторинга полей", "drones", "agriculture"),
    ("система управления теплицами", "iot", "agriculture"),
    ("диспетчерская система для железной дороги", "embedded", "railway"),
    ("коллаборативный робот", "robotics", "machine_building"),
    ("анализ медицинских изображений", "ai", "healthcare"),
)

# Project titles: action (ru|en) and object in the genitive (ru|en).
PROJECT_ACTIONS = tuple(tuple(s.split("|")) for s in (
    "Внедрение|Introduction of", "Разработка и внедрение|Development and introduction of",
    "Создание|Creation of", "Модернизация|Modernisation of", "Опытная эксплуатация|Trial operation of",
    "Масштабирование|Scaling up of", "Пилотное внедрение|Pilot introduction of",
    "Адаптация|Adaptation of", "Развёртывание|Deployment of", "Интеграция|Integration of",
))
PROJECT_OBJECTS = tuple(tuple(s.split("|")) for s in (
    "системы машинного зрения для контроля качества|a machine vision quality control system",
    "платформы предиктивного обслуживания оборудования|a predictive maintenance platform",
    "цифрового двойника производственной линии|a digital twin of a production line",
    "роботизированного комплекса сварки|a robotic welding cell",
    "автоматизированной системы управления производством|a manufacturing execution system",
    "системы учёта энергоресурсов|an energy metering system",
    "беспилотного комплекса мониторинга|an unmanned monitoring system",
    "медицинской информационной системы|a medical information system",
    "системы анализа медицинских изображений|a medical image analysis system",
    "складской системы управления|a warehouse management system",
    "системы электронного документооборота|an electronic document management system",
    "участка аддитивного производства|an additive manufacturing shop",
    "системы прослеживаемости продукции|a product traceability system",
    "лазерного комплекса прецизионной обработки|a precision laser processing line",
    "интеллектуальной системы диспетчеризации|an intelligent dispatching system",
    "платформы промышленного интернета вещей|an industrial IoT platform",
    "системы мониторинга энергопотребления|an energy consumption monitoring system",
    "системы управления качеством|a quality management system",
    "системы планирования ремонтов|a maintenance planning system",
    "системы оптимизации логистики|a logistics optimisation system",
    "мобильного приложения для сервисных инженеров|a mobile app for service engineers",
    "системы распознавания дефектов проката|a rolled steel defect recognition system",
    "автоматизированной линии сортировки|an automated sorting line",
    "системы технического зрения для робота|a robot vision system",
    "тренажёрного комплекса виртуальной реальности|a virtual reality training complex",
    "системы учёта рабочего времени|a working time tracking system",
))

TECH_CODES = tuple(TECHNOLOGIES)
SECTOR_CODES = tuple(SECTORS)
COUNTRY_CODES = tuple(COUNTRIES)
FOREIGN_CODES = tuple(FOREIGN)
