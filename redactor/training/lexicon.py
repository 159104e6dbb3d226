"""Name and place lexicon, and the tiny "static vectors" table the model reads it through.

Without pretrained vectors the model only knows names it saw in training. A lexicon lets it
generalise: each lexicon word gets a short 0/1 feature vector (first name, surname, place, ...)
stored as the pipeline's static vectors, in lower, Title and UPPER case so ASR text hits too. The
vectors ship inside the model (redactor/data/sv_klang/vocab/vectors), so `spacy.load` needs no custom code.

The lexicon itself is data (recognizers/data/lexicon.tsv, committed) so training reproduces without
depending on the Faker version; `build_lexicon()` regenerates it from Faker + the lists below.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import numpy

from recognizers.lexicon import load_lexicon  # noqa: F401  (read here by the training code too)

# Feature columns of the vector table; order matters once a model is trained.
FEATURES = ("first", "surname", "foreign_first", "foreign_surname", "place", "country", "common")

# Names that are also ordinary Swedish words; the generator uses them in both senses.
HOMOGRAPH_NAMES = {
    "first": ["Björn", "Sten", "Rosa", "Åsa", "Stig", "Ros", "Björk", "Linnea", "Viola", "Vera", "Ull"],
    "surname": ["Berg", "Lind", "Holm", "Ek", "Björk", "Sten", "Ros", "Ström", "Sjö", "Strand", "Hall", "Falk", "Rask"],
}

IMMIGRANT_FIRST = [
    "Mohammed",
    "Mohamed",
    "Muhammad",
    "Mohammad",
    "Ali",
    "Ahmed",
    "Ahmad",
    "Hassan",
    "Hussein",
    "Omar",
    "Yusuf",
    "Ibrahim",
    "Mustafa",
    "Abdullahi",
    "Abdi",
    "Khalid",
    "Karim",
    "Mehmet",
    "Emre",
    "Murat",
    "Reza",
    "Amir",
    "Hamid",
    "Samir",
    "Tariq",
    "Bilal",
    "Youssef",
    "Jamal",
    "Fatima",
    "Amina",
    "Aisha",
    "Leyla",
    "Layla",
    "Zainab",
    "Mariam",
    "Maryam",
    "Nour",
    "Hiba",
    "Yasmin",
    "Zeynep",
    "Elif",
    "Ayşe",
    "Hodan",
    "Sahra",
    "Faduma",
    "Shirin",
    "Parisa",
    "Nasrin",
    "Anh",
    "Minh",
    "Thi",
    "Linh",
    "Hoa",
    "Tuan",
    "Duc",
    "Mai",
    "Jovana",
    "Milan",
    "Dragan",
    "Goran",
    "Zoran",
    "Nikola",
    "Milica",
    "Jelena",
    "Piotr",
    "Krzysztof",
    "Agnieszka",
    "Katarzyna",
    "Tomasz",
    "Ewa",
    "Olga",
    "Irina",
    "Dmitri",
    "Sergei",
    "Tigist",
    "Dawit",
    "Senait",
    "Mehdi",
]
IMMIGRANT_SURNAMES = [
    "Nguyen",
    "Tran",
    "Pham",
    "Hoang",
    "Yilmaz",
    "Yılmaz",
    "Kaya",
    "Demir",
    "Öztürk",
    "Aydin",
    "Çelik",
    "Şahin",
    "Kowalski",
    "Kowalska",
    "Nowak",
    "Wiśniewski",
    "Kowalczyk",
    "Lewandowski",
    "Jovanović",
    "Jovanovic",
    "Petrović",
    "Petrovic",
    "Nikolić",
    "Hodžić",
    "Hodzic",
    "Hadžić",
    "Mehmedović",
    "Hussein",
    "Hassan",
    "Mohammed",
    "Ahmed",
    "Ali",
    "Omar",
    "Abdi",
    "Osman",
    "Warsame",
    "Farah",
    "Jama",
    "Rahimi",
    "Hosseini",
    "Mohammadi",
    "Karimi",
    "Ahmadi",
    "Sharifi",
    "Haddad",
    "Khalil",
    "Saleh",
    "Mansour",
    "Ibrahim",
    "Yousef",
    "Said",
    "Kovač",
    "Horvat",
    "Popescu",
    "Ivanova",
    "Ivanov",
    "Smirnov",
    "Garcia",
    "Rodriguez",
    "Fernandez",
    "Silva",
    "Santos",
    "Kim",
    "Chen",
    "Wang",
    "Zhang",
    "Liu",
    "Tesfaye",
    "Haile",
    "Bekele",
    "Virtanen",
    "Korhonen",
    "Mäkinen",
    "Nieminen",
    "Hämäläinen",
]

# First names and surnames common in Sweden among people of other origins, by origin (hand-written;
# names that are also ordinary Swedish words, such as "Mina", "Tam" or "Gul", left out).
NAMES_BY_ORIGIN: dict[str, tuple[str, str]] = {
    "somali": (
        """Abdirahman Abdirisak Abdikarim Abdiaziz Abdullahi Abdiwali Abdinasir Abdisalam Ayaan Ayan Asha Amran
Anab Bashir Deeqa Faadumo Farhan Fartun Filsan Hamdi Hawa Hibo Hodan Hussein Ifrah Idil Ilhan Jamila
Khadra Liban Mahad Maryan Mohamud Muna Mustafe Najma Nasra Nimco Qamar Ridwan Sagal Sahra Samatar
Shukri Sumaya Sumayo Ubah Warsan Yasin Yahye Zamzam Ikran Hamse Guled Abshir Mukhtar Nuur Shamsa
Layla Ladan Fowsia Halima Ruqia Saynab Xamdi Cabdi Cali""",
        """Abdi Ahmed Ali Aden Egal Elmi Farah Gedi Hassan Hersi Ibrahim Jama Jimale Mohamud Mohamed Nur Omar
Osman Warsame Yusuf Isse Dirie Hirsi Samatar Abdullahi Aw-Ali Duale Guled Ismail Musse Hussein Cabdi
Xasan Cali""",
    ),
    "eritrean_ethiopian": (
        """Yonas Filmon Dawit Tesfay Tesfaye Semhar Helen Selam Senait Saba Meron Rahel Yohannes Yemane Berhane
Mehari Samuel Daniel Tekle Teklemariam Ghebre Habte Haile Mulugeta Tsegay Tsehay Abraham Amanuel
Aman Biniam Bereket Eyerusalem Feven Freweyni Hiwet Kidane Luwam Merhawi Mussie Natnael Robel Segen
Senay Sara Tigist Tsega Yordanos Abeba Almaz Mekdes Meseret Hanna Abel Kaleb Henok Eyob Tewodros
Getachew Alemu Girma Lemlem""",
        """Berhane Tesfay Tesfaye Teklemariam Gebremedhin Gebremariam Gebreyesus Gebru Kidane Haile Mehari
Tekle Yemane Ghebremichael Habte Kahsay Tsegay Woldemariam Woldu Asfaha Negash Berhe Abraha Mengistu
Alemu Bekele Girma Tadesse Desta Mulugeta Ayele Kebede Assefa Tsehaye Araya Ogbazghi Andemariam
Fitwi Okbazghi""",
    ),
    "persian_kurdish_afghan": (
        """Aryan Arian Babak Behnam Bahar Baran Darius Dariush Dariusz Farhad Farshid Farzaneh Golnar Hamed
Homa Kian Kourosh Leila Mahsa Mahnaz Maryam Mehran Mehrdad Mitra Mohsen Nasim Navid Negin Nilou
Niloufar Omid Parisa Parviz Payam Pegah Reza Roya Sahar Saman Sara Shadi Shahin Shirin Siamak Soraya
Yasaman Yasmin Zahra Ziba Arash Ardalan Azadeh Bijan Cyrus Elham Farid Golnaz Hossein Javad Kaveh
Keyvan Ladan Majid Marjan Mehdi Nader Nazanin Pouya Ramin Rostam Saeed Samira Shahram Shayan Vahid
Yalda Ali Amin Dilan Rojin Berivan Zana Aram Hevin Hozan Delal Jiyan Kawa Lana Nishtiman Rebaz Renas
Sherwan Shilan Zhilwan Avin Azad Dilshad Hawre Karwan Fereshteh Fatemeh Zainab Masoud Mahmoud Hamid
Habib Nasrin Shabnam Sohrab Tahmina Wahid Zarmina Khalil Nazir Qasim""",
        """Tehrani Rostami Rahimi Hosseini Mohammadi Karimi Ahmadi Sharifi Jafari Rezaei Moradi Sadeghi Kazemi
Hashemi Ghorbani Mousavi Nazari Akbari Ebrahimi Bagheri Heidari Amini Azizi Soltani Zand Farahani
Esfahani Shirazi Tabrizi Naderi Yousefi Ghasemi Hamidi Nouri Safavi Abbasi Alizadeh Hassanzadeh
Kermani Kurdi Barzani Talabani Hawrami Zebari Mirza Ahmadzai Popal Sultani Wardak Durrani Noori
Haidari Karimzadeh Golzari Nikbakht""",
    ),
    "arabic": (
        """Ahmad Abdallah Abdulrahman Adnan Alaa Amal Amjad Anas Asma Ayman Bassam Bushra Dalia Diana Duaa Fadi
Faisal Farah Fatma Ghada Hadi Haider Hamza Hanan Haneen Hassan Hiba Houda Huda Ibrahim Imad Iman
Issa Jamil Jana Karam Khaled Lamis Lina Loay Maher Majd Malak Manal Marwa Mazen Mohannad Muna Nabil
Nadia Nadine Nour Noor Osama Qais Rami Rania Rasha Rawan Reem Ruba Saad Safaa Salah Salma Sami Samer
Sana Shadi Tamer Walid Wassim Yara Yazan Yousef Yusra Zaid Zeina Ziad Abir Ammar Ghassan Haitham
Hussam Jihad Kinan Laith Mahmoud Mustafa Nizar Omar Raed Rakan Sahar Suha Tariq Wael Yasser Zakaria
Hussein Kareem Layan Lujain Aya Sidra Maysa""",
        """Al-Jabouri Al-Ani Al-Hashimi Al-Rawi Al-Khatib Al-Masri Al-Saadi Al-Tamimi Al-Zubaidi Al-Obaidi
Al-Shammari Abbas Abdullah Haddad Hamdan Hamoud Issa Jaber Kassem Khoury Mahmoud Mansour Nasser
Othman Qasim Rahman Saleh Salem Shaker Suleiman Taha Yassin Zaher Hamad Darwish Habib Hijazi Kanaan
Karam Khalaf Khalil Nassar Sabbagh Sarkis Toma Youkhana Hanna Elias Gabriel Jabbour Mikhail Shamoun
Aziz Daoud Younes Bakr Barakat Farouk Ghanem Hussain Ismail""",
    ),
    "balkan_east_european": (
        """Dragana Dragan Milan Milena Mirela Mirza Amela Amra Emina Emir Edin Elvir Haris Jasmin Jasmina Lejla
Maja Nermin Selma Senad Semir Vesna Zlatan Zoran Ivana Ivan Marko Nemanja Stefan Tamara Snežana
Snezana Bojan Branko Danijela Goran Jelena Ljiljana Marija Mladen Nataša Natasa Nenad Predrag Sanja
Slobodan Suzana Vladimir Željko Zeljko Arben Besa Blerta Dritan Fatos Flutura Genc Ilir Valbona
Vjosa Agnieszka Aleksandra Bartosz Dorota Grzegorz Jakub Joanna Kamil Karolina Łukasz Lukasz
Magdalena Marcin Mateusz Michał Michal Monika Paweł Pawel Piotr Rafał Rafal Wojciech Zofia Oksana
Olena Mykola Taras Yulia Iryna Svitlana Andrii Natalia Dmitrij Aleksej Tatjana Ludmila Andrei Ionut
Mihai Alina Bogdan Cristina Florin Gheorghe Vasile Raluca Laima Aušra Egle Jurgis""",
        """Petrović Petrovic Jovanović Jovanovic Nikolić Nikolic Marković Markovic Đorđević Djordjevic
Stojanović Ilić Ilic Kovačević Kovacevic Babić Babic Hodžić Hodzic Begić Begic Delić Delic Hadžić
Hasanović Hasanovic Kurtović Mujić Mujic Omerović Omerovic Salihović Šehić Sehic Tahirović Hoxha
Krasniqi Berisha Gashi Shala Morina Bytyqi Kowalczyk Wójcik Wojcik Kamiński Kaminski Zieliński
Zielinski Szymański Szymanski Woźniak Wozniak Dąbrowski Dabrowski Kozłowski Kozlowski Jankowski
Mazur Krawczyk Piotrowski Grabowski Pawlak Michalski Nowicki Adamczyk Dudek Zając Zajac Wieczorek
Jabłoński Jablonski Król Krol Majewski Olszewski Jaworski Malinowski Górski Gorski Shevchenko
Kovalenko Bondarenko Tkachenko Kravchenko Melnyk Petrenko Popova Sokolov Kuznetsov Volkova Morozov
Ionescu Dumitru Stoica Gheorghiu Radu Munteanu Kazlauskas Jankauskas Petrauskas Berzins Kalnins""",
    ),
    "asian": (
        """Thuy Thu Thao Trang Huong Hanh Hieu Huy Khanh Lan Ngoc Nhung Phuong Quang Quynh Thanh Trung Tuyet
Viet Vinh Giang Hoang Loan Nga Nhi Phuc Tien Toan Chau Diep Anong Kanya Malee Pim Somchai Somsak
Suda Supaporn Siriporn Wanida Kannika Ratana Sunisa Lamai Nattaya Wei Jing Xiaoming Xiu Yan Ying Hui
Ling Mei Qiang Xin Zhen Jia Ji-woo Seo-yeon Hyun Jisoo Maricel Rowena Jocelyn Marites Analyn Rodel
Aarav Aditi Amit Anil Anjali Arjun Deepak Divya Gurpreet Harpreet Kiran Manpreet Neha Pooja Priya
Rahul Rajesh Ravi Rohan Sanjay Simran Sunil Vikram Ayesha Bilal Fahad Hamza Imran Irfan Kashif
Nadeem Rizwan Sadia Shahid Usman Zeeshan""",
        """Nguyen Tran Pham Hoang Huynh Phan Dang Bui Ngo Duong Truong Dinh Trinh Luong Srisuk Saetang Wongsa
Chaiyaporn Suwannarat Boonmee Thongchai Sukprasert Chen Huang Zhou Zhu Guo Gao Luo Zheng Lee Choi
Jung Kang Cho Yoon Reyes Santos Bautista Mendoza Ramos Aquino Sharma Patel Singh Kumar Gupta Kaur
Reddy Rao Iyer Nair Khan Hussain Qureshi Chaudhry Iqbal Akhtar""",
    ),
    "latin_american_turkish_finnish": (
        """Alejandro Camila Catalina Diego Felipe Gabriela Javiera Joaquín Joaquin Valentina Sebastián
Sebastian Matías Matias Ignacio Francisca Constanza Paulina Rodrigo Cristóbal Cristobal Ximena
Alicia Yesenia Ayşe Burak Deniz Ebru Emine Esra Fatih Hakan Hatice Kemal Merve Özlem Ozlem Serkan
Sevgi Tuba Yusuf Zehra Onur Cansu Derya Gökhan Gokhan Kübra Kubra Volkan Aino Eino Jouni Jukka Kaisa
Katja Kimmo Mervi Minna Outi Paavo Päivi Paivi Pekka Riikka Sanna Seppo Sirkka Tarja Teemu Tuula
Veikko""",
        """González Gonzalez Muñoz Munoz Rojas Díaz Diaz Soto Contreras Sepúlveda Sepulveda Morales Pérez Perez
Torres Flores Vásquez Vasquez Castillo Espinoza Araya Fuentes Valenzuela Tapia Reyes Gutiérrez
Gutierrez Herrera Arslan Aksoy Bulut Çetin Cetin Doğan Dogan Erdoğan Erdogan Güneş Gunes Karaca Koç
Koc Kurt Özdemir Ozdemir Polat Şimşek Simsek Tekin Yıldız Yildiz Yıldırım Yildirim Aslan Kettunen
Laaksonen Lehtonen Heikkinen Koskinen Järvinen Jarvinen Lehtinen Salminen Laine Heinonen Tuominen
Rantanen Karjalainen Jokinen Mattila Savolainen Lahtinen Ahonen""",
    ),
    # Names the lexicon lacked that blind testers' calls used (sets 74-81 and 86-93), with others as common:
    # Somali, Arabic, Persian, Kurdish, Afghan, Turkish, Polish, Bosnian, Thai, Tigrinya, Finnish, Chilean.
    "more_common_names": (
        """Khadija Khadiija Kamal Idris Tomek Kasia Gosia Basia Wojtek Małgorzata Wiesław Mirosław Przemek
Aminata Asad Bakri Basma Fadumo Farhiya Habiba Hafsa Hanad Hibaaq Ibado Ismahan Jawahir Kaltun
Mahamed Mahamud Nasteho Qorane Rahma Roble Sabirin Safiya Salado Samsam Sucdi Ugbaad Warda Yasmiin
Abdiweli Abdiqani Abdishakur Abdifatah Abdiqadir Abdirashid Younis Yunus Zakariya Zayed Zeinab Safa
Marwan Mazin Munir Nabila Nawal Rashid Rashida Sameer Shereen Sherin Suad Tarek Wafa Walaa Yousif
Zuhair Abdelaziz Abdelkader Abdelrahman Abdulaziz Ahlam Aicha Anwar Badr Bashar Dunia Fatuma Hakim
Hamada Hisham Husam Ilham Jalal Karima Khadijah Latifa Lamia Lubna Maha Mounir Omran Rabia Rachid
Rasmiya Redwan Saida Salim Sawsan Sofian Soufiane Wissam Yahya Yassine Zohra Huseyin Sinan Tolga
Eylül Eylul Hulya Melike Nihat Sevda Songul Ferhat Kadir Levent Rojda Rojhat Sirwan Soran Zilan
Hawar Heval Newroz Nûdem Dilber Berfin Şirin Behrouz Bahram Ehsan Farnaz Farzad Foad Forough Ghazal
Hadis Hanieh Hoda Jalil Kamran Kasra Laleh Mojtaba Mozhgan Nima Parham Parastoo Pedram Peyman Rasoul
Roozbeh Sepideh Shahla Taraneh Yasna Zohreh Ahmadshah Fawad Gulalai Habibullah Hamidullah Mursal
Nooria Rahmatullah Sediqa Sohail Wali Zabihullah Zahir Almir Amar Anel Belma Dženana Dzenana Enis
Ermin Esad Fikret Lamija Meliha Mersiha Nedim Nihad Sead Sejla Šejla Sulejman Tarik Zijad Dragoljub
Srđan Srdjan Somsri Somporn Sompong Sunan Suthep Nong Kwan Ratchanee Rattana Sukanya Sumalee
Supattra Wipawee Anchalee Arunee Boonsri Chanida Duangjai Jintana Kanokwan Lamduan Nipon Orathai
Pornthip Saowalak Thanawat Wichai Yupin Semere Yosief Ghirmay Mebrahtu Tesfalem Awet Saron Helina
Darya Kasem Nok Ploy Sanaz Senada Serdar Serhat Nattapong Pimchanok Kittipong Chaiyasit Malai Parvaneh
Parvin Bahareh Mahin Houshang Rebwar Rezan Sherko Nawzad Hemin Jawad Qadir Sayed Yusef Gulistan
Weronika Darek Eevaliisa""",
        """Wisniewski Kamińska Zielińska Kaczmarek Adamski Borkowski Chmielewski Czarnecki Górecki Jasiński
Kalinowski Kubiak Makowski Nowakowski Pietrzak Sadowski Sikora Sobczak Szczepański Walczak Wróbel
Wrobel Zawadzki Abdulle Adan Dahir Hashi Jibril Roble Awale Caynaan Diriye Gabow Ilmi Kulmiye Celik
Ozturk Aydın Kılıç Kilic Aktaş Aktas Tunç Tunc Guler Keskin Unal Bozkurt Erdem Kaplan Karatas
Bahrami Ebadi Farahmand Ghaffari Jalali Kamali Mahmoudi Najafi Rahmani Tavakoli Yazdani Zamani
Rasuli Hakimi Stanekzai Amiri Habibi Mehmedovic Alić Alic Hamzić Hamzic Suljić Suljic Husić Husic
Muratović Muratovic Jusić Jusic Ramić Ramic Selimović Selimovic Softić Softic Zukić Zukic Suwannasri
Phromma Jaidee Kaewkla Srisawat Wongsuwan Chanthara Khamsri Boonyarat Makinen Hamalainen Makela
Hyvonen Heikkila Pitkanen Rasanen Tesfamariam Habtom Kiflom Weldemichael Ghebreyesus Measho Tekeste
Alhasan Aljabouri Amedi Amrani Bakir Begović Begovic Benali Heikinen Mansouri Okafor Sombat Wongsakul
Wiśniewska Wisniewska Zaxoyi Saelim Aravena""",
    ),
}

# Swedish towns and regions beyond Faker's 45 cities; these are LOC in news and in calls.
SWEDISH_PLACES = """
Stockholm Göteborg Malmö Uppsala Västerås Örebro Linköping Helsingborg Jönköping Norrköping Lund
Umeå Gävle Borås Södertälje Eskilstuna Halmstad Växjö Karlstad Sundsvall Östersund Trollhättan
Luleå Borlänge Kristianstad Kalmar Falun Skövde Karlskrona Skellefteå Uddevalla Varberg Nyköping
Motala Landskrona Örnsköldsvik Trelleborg Karlskoga Lidköping Alingsås Piteå Sandviken Kiruna
Visby Ystad Kungsbacka Katrineholm Enköping Vänersborg Mjölby Falkenberg Härnösand Ängelholm
Hässleholm Kungälv Nässjö Värnamo Oskarshamn Västervik Tranås Ludvika Avesta Köping Arvika
Mora Hudiksvall Söderhamn Bollnäs Ljusdal Sollefteå Kramfors Boden Haparanda Gällivare Arjeplog
Jokkmokk Åre Sälen Vimmerby Ljungby Älmhult Eslöv Höör Hörby Simrishamn Sölvesborg Karlshamn
Ronneby Olofström Tomelilla Staffanstorp Lomma Vellinge Höganäs Båstad Laholm Hylte Gislaved
Gnosjö Vetlanda Eksjö Aneby Nora Lindesberg Hallsberg Kumla Askersund Fagersta Sala Norberg
Strängnäs Flen Vingåker Oxelösund Trosa Gnesta Norrtälje Sigtuna Märsta Knivsta Täby Solna
Sundbyberg Nacka Huddinge Botkyrka Haninge Tyresö Värmdö Lidingö Danderyd Vallentuna Järfälla
Sollentuna Upplands-Väsby Ekerö Salem Nykvarn Bromma Kista Rinkeby Tensta Skärholmen Farsta
Vällingby Hägersten Södermalm Kungsholmen Östermalm Vasastan Gamla stan Hisingen Angered
Mölndal Partille Lerum Kungälv Stenungsund Orust Tjörn Lysekil Strömstad Mariestad Tidaholm
Falköping Ulricehamn Mark Skara Götene Töreboda Hjo Vara Grästorp Åmål Säffle Kristinehamn
Filipstad Hagfors Torsby Sunne Kil Grums Hammarö Forshaga Munkfors Årjäng Eda Leksand Rättvik
Orsa Älvdalen Malung Gagnef Säter Hedemora Smedjebacken Hofors Ockelbo Ovanåker Nordanstig
Timrå Ånge Sundsvall Härjedalen Sveg Krokom Strömsund Berg Bräcke Ragunda Lycksele Vilhelmina
Storuman Sorsele Dorotea Åsele Vindeln Vännäs Nordmaling Bjurholm Robertsfors Kalix Överkalix
Pajala Övertorneå Älvsbyn Arvidsjaur Skåne Småland Norrland Dalarna Värmland Halland Blekinge
Gotland Öland Jämtland Lappland Västerbotten Norrbotten Uppland Södermanland Östergötland
Västergötland Bohuslän Dalsland Närke Västmanland Gästrikland Hälsingland Medelpad Ångermanland
Härjedalen Sverige Norge Danmark Finland Island Tyskland Polen Europa Norden Köpenhamn Oslo
Helsingfors Berlin London Paris Spanien Thailand Turkiet Irak Iran Syrien Somalia Bosnien
Vietnam Kroatien Serbien Grekland Italien Frankrike Estland Lettland Litauen
Akalla Alunda Arboga Bjärred Bålsta Hjärup Huskvarna Hässelby Kungsör Kvarnby Kvissleby Kärra Lindome
Norsborg Skogås Spånga Taberg Tierp Tullinge Tumba Åkersberga Ålidhem Östhammar Väsby
"""


def _latin(word: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-zÀ-ÖØ-öø-žḀ-ỿ'\-]+", word))


def _add(table: dict[str, set[str]], words: Iterable[str], feature: str, min_len: int = 2) -> None:
    for w in words:
        for part in re.split(r"[\s]+", w.strip()):
            if len(part) >= min_len and _latin(part):
                table.setdefault(part.lower(), set()).add(feature)


def build_lexicon(common_words: Iterable[str] = ()) -> dict[str, set[str]]:
    """Word -> feature set, from Faker's name/address providers and the curated lists above."""
    import importlib

    from faker.providers.address import sv_SE as sv_addr
    from faker.providers.person import sv_SE as sv_person

    table: dict[str, set[str]] = {}
    p = sv_person.Provider
    _add(table, list(p.first_names_female) + list(p.first_names_male), "first")
    _add(table, p.last_names, "surname")
    _add(table, HOMOGRAPH_NAMES["first"], "first")
    _add(table, HOMOGRAPH_NAMES["surname"], "surname")
    _add(table, IMMIGRANT_FIRST, "foreign_first")
    _add(table, IMMIGRANT_SURNAMES, "foreign_surname")
    for first_names, surnames in NAMES_BY_ORIGIN.values():
        _add(table, first_names.split(), "foreign_first")
        _add(table, surnames.split(), "foreign_surname")
    # Foreign names appear in Swedish news and calls alike; 3+ letters keeps "Le"/"Li" noise out.
    for loc in (
        "fi_FI",
        "no_NO",
        "da_DK",
        "de_DE",
        "pl_PL",
        "tr_TR",
        "en_US",
        "en_GB",
        "fr_FR",
        "es_ES",
        "it_IT",
        "pt_BR",
        "hr_HR",
        "sl_SI",
        "cs_CZ",
        "nl_NL",
        "et_EE",
        "lt_LT",
        "hu_HU",
        "ro_RO",
    ):
        prov = importlib.import_module(f"faker.providers.person.{loc}").Provider
        _add(table, getattr(prov, "first_names", ()) or (), "foreign_first", min_len=3)
        _add(table, getattr(prov, "last_names", ()) or (), "foreign_surname", min_len=3)
    a = sv_addr.Provider
    _add(table, list(a.cities) + SWEDISH_PLACES.split() + [s.split()[0] for s in a.states], "place")
    # Multi-word countries ("Trinidad och Tobago") would tag "och"; keep one-word names only.
    _add(table, [c for c in a.countries if " " not in c], "country", min_len=3)
    _add(table, common_words, "common")
    return table


def common_lowercase_words(sentences, min_count: int = 3) -> list[str]:
    """Words written lowercase outside entities at least `min_count` times in the training news."""
    counts: Counter[str] = Counter()
    for sent in sentences:
        for i, (w, t) in enumerate(zip(sent.words, sent.tags)):
            if t == "O" and w.islower() and i > 0:
                counts[w] += 1
    return sorted(w for w, c in counts.items() if c >= min_count)


def save_lexicon(table: dict[str, set[str]], path: str | Path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("# word\tfeatures (generated by redactor.training.lexicon; see models/data/README.md)\n")
        for word in sorted(table):
            fh.write(f"{word}\t{','.join(sorted(table[word]))}\n")


def names_of(table: dict[str, set[str]], feature: str) -> list[str]:
    return sorted(w for w, f in table.items() if feature in f)


def write_vectors_pipeline(table: dict[str, set[str]], out_dir: str | Path) -> Path:
    """A blank sv pipeline whose only content is the lexicon as static vectors.

    The training config points [initialize] vectors at this directory. Genitive forms
    ("Annas", "Lindqvists") get the same vector: news and calls use them constantly.
    """
    import spacy
    from spacy.vectors import Vectors

    # spaCy only persists a non-ORTH key attribute for floret vectors, so key on ORTH and add
    # the casings that occur: lower (ASR), Title (written), UPPER (headlines).
    rows: dict[str, numpy.ndarray] = {}
    for word, feats in table.items():
        vec = numpy.array([1.0 if f in feats else 0.0 for f in FEATURES], dtype="float32")
        forms = [word]
        if feats - {"common"} and not word.endswith(("s", "x", "z")):
            forms.append(word + "s")
        for form in forms:
            for cased in (form, form[:1].upper() + form[1:], form.upper()):
                rows.setdefault(cased, vec)
    nlp = spacy.blank("sv")
    keys = sorted(rows)
    data = numpy.stack([rows[k] for k in keys])
    vectors = Vectors(strings=nlp.vocab.strings, shape=data.shape, name="sv_klang_lexicon")
    for key, row in zip(keys, data):
        vectors.add(key, vector=row)
    nlp.vocab.vectors = vectors
    out = Path(out_dir)
    nlp.to_disk(out)
    return out
