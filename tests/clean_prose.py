"""Clean, professionally edited prose written for the tests in this folder: no rule tested here
may report anything on it. It is dense in what a naive checker gets wrong: foreign names,
quotations (mid-sentence, nested, ending with punctuation, over several paragraphs), straight
quotes, headlines, bylines, datelines, lists, numbers, prices, times, scores, versions, URLs,
handles, hashtags, camel-case brands, code and real compounds."""

from __future__ import annotations

CLEAN_NEWS = """\
Ferry Operators Return to the Old Timetable After a Summer of Delays
By Ana Souza and Nguyễn Thị Lan | Updated 9:30 a.m.
LISBON (Reuters) — Ferries across the Tagus will run every 15 minutes again from Monday, the \
operator said, ending a summer in which commuters waited up to an hour at Cais do Sodré.
“We owe our passengers an apology,” said José Álvarez-Müller, the company’s chief executive. \
“The new boats arrived late, and the crews needed training. That is over now.”
He added that the timetable, which he called “the backbone of the city’s mornings,” would be \
published on the website (www.example.pt/timetable) and on the app for iPhone and Android.
Passengers were less forgiving. “I heard him say ‘we are sorry’ on the radio,” said Maria \
O’Neill, 54, a nurse who crosses twice a day. “Sorry does not pay for the taxi.”
The union’s spokesman, Tomasz Kowalczyk, said: "Our members kept the service going. Nobody \
should forget that." A second union, led by Leila al-Hakim, said it would "wait and see".
Fares rise on 1 January: a single ticket will cost €2.10, up from €1.95, and a monthly pass \
$45 for visitors paying by card; about 3.5% of passengers use cash. The city paid 1,500 \
workers’ salaries and 12,000 free passes during the strike, a cost of 4.2 million euros.
What changes on Monday
• Boats every 15 minutes between 7:00 and 20:00 (every 30 minutes at night).
• A new stop at Trafaria, served by the Almada line.
• Tickets from the app version 3.2.0 or later, or at the machines.
The operator’s board, chaired by Dr. Henrik Sørensen, meets again in March. Its last report \
(PDF, 2.4 MB) is online; the report of the auditors is due in May.
Sporting beat Benfica 2-1 on Sunday, and fans used the ferries to reach the stadium. Many \
posted under #TagusFerry or tagged @LisbonFerries on X; one YouTube video of the crowded \
deck has 250,000 views. “It was the best of the best,” one supporter wrote.
Kyiv (Kiev) and Odesa were twinned with Lisbon in 2001. The PlayStation and JavaScript \
workshops at the terminal, run by eBay and McDonald’s volunteers, continue on Saturdays.
Note: in the config file, set `retryDelay = 30` and call `getTimetable()` before the first \
sailing; see https://example.com/docs/ferryAPI for details.
“Our engineers,” she said, “checked every hull.”
“The first boats leave at dawn.
“The last ones come back after midnight,” the captain said.
"""

CLEAN_HEADLINES = """\
Sánchez and Scholz Meet in Madrid as Talks on the Budget Resume
AT&T and R&D spending rise in the third quarter; Tom & Jerry returns to cinemas
Lawmakers approve the bedroom tax repeal, the shipyard deal and the lighthouse fund
Interview: ‘I never wanted to be a politician,’ says the mayor of Gdańsk
Q&A with Dr. Amara Nwosu, the WHO’s envoy (World Health Organization)
"""
