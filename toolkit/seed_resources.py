# ruff: noqa: E501 - Markdown tables are one line per row
"""The essential tool kit resources, written by the state workforce office, seeded on install and in the demo.

`load(apps)` creates a resource only when its slug is absent, so staff edits are never overwritten.
"""

PARTNERSHIP_101 = """\
## What a sector partnership is

A sector partnership is a group of **employers from one industry**, in one region or statewide, who meet
regularly to work on the problems they share, most often finding and developing skilled people. Education and
training providers, workforce and economic development, labor, government and community organisations join them
to help, but the employers set the agenda.

A partnership is not a one-off meeting, a grant program or a training provider's advisory board. It is
employer-led, it lasts, and it acts: it names the skill gaps that matter most, agrees what to do about them and
reports what changed.

## Why it works

* Employers speak with one voice about what they need, so providers can plan programs that fill real jobs.
* Public partners hear the industry's priorities once, instead of company by company.
* Small employers get the same say as large ones.
* Everyone sees results on a common Outcomes Template, so successes are counted and shared.

## Who does what

| Stakeholder | Role |
| --- | --- |
| **Employers** | Lead the partnership, name skill gaps, commit staff time, hire and host learners, co-invest. |
| **Convener** | A neutral organisation (often workforce or economic development) that schedules meetings, keeps notes, tracks actions and reports outcomes. It supports; it does not steer. |
| **Education and training providers** | Listen first, then adapt or create programs, share facilities and instructors, enrol incumbent workers and new entrants. |
| **Workforce development** | Recruits and screens job seekers, funds training, connects the partnership to OhioMeansJobs centres and youth programs. |
| **Economic development** | Brings the industry's growth plans, site and expansion news, and links to business services. |
| **Labor** | Brings apprenticeship expertise and the perspective of workers in the industry. |
| **Government** | Removes barriers, aligns state programs (such as credential reimbursement and work-based learning) and shares data. |
| **Community organisations** | Reach people the industry does not, and help with transport, childcare and other supports. |

## The life of a partnership

1. **Prepare.** Look at the labor-market data for the industry and region (the cluster profiles in this tool kit),
   recruit a few employer champions and agree who convenes.
2. **Launch.** Hold a launch meeting where employers, not presenters, do most of the talking. Use the sample
   agenda and invitations in this tool kit.
3. **Act.** Form small working groups around the two or three priorities employers chose. Record skill gaps and
   actions with owners and dates.
4. **Sustain.** Meet at a steady rhythm, report outcomes twice a year on the Outcomes Template, and celebrate
   results in public.
"""

LAUNCH_AGENDA = """\
# {{ partnership }}: launch meeting

* **When:** {{ meeting_date }}
* **Where:** {{ meeting_place }}
* **Convened by:** {{ convener }}
* **Questions:** {{ contact }}

The purpose of this meeting is for employers in {{ cluster }} in {{ region }} to agree on the two or three
issues they most want to work on together. Partners from education, workforce and economic development attend to
listen and to offer help afterwards.

| Time | Item | Led by |
| --- | --- | --- |
| 0:00 | Welcome, why we are here, how the meeting will run | An employer champion |
| 0:10 | Round of introductions: name, company, one thing that keeps you up at night | Everyone |
| 0:30 | What the data says about {{ cluster }} in {{ region }} (ten minutes, no more) | {{ convener }} |
| 0:40 | Small groups of employers: the opportunities and the obstacles to growth | Employers |
| 1:10 | Report back and choose the top priorities by vote | Facilitator |
| 1:35 | Who will champion each priority? Sign-up for working groups | Employers |
| 1:50 | Partners' responses: what we heard and how we can help | Partners |
| 1:55 | Next meeting date and close | {{ convener }} |

*Partners: please hold your presentations for a later meeting. Today belongs to the employers.*
"""

EMPLOYER_INVITATION = """\
Dear colleague,

You are invited to the launch of **{{ partnership }}**, a partnership of {{ cluster }} employers in
{{ region }}.

Companies like yours tell us the same things: it is hard to find skilled people, harder to keep them, and the
training available does not always match the work. This partnership is a place where employers decide together
which of these problems to tackle first, and where schools, colleges and public programs come to listen and
respond.

* **When:** {{ meeting_date }}
* **Where:** {{ meeting_place }}

The meeting is led by employers and takes about two hours. There is no cost and no sales pitch. We ask only that a
senior person who knows your workforce needs attends.

Please reply to {{ contact }} to confirm your place.

With thanks,

{{ convener }}
"""

PARTNER_INVITATION = """\
Dear partner,

{{ convener }} is convening **{{ partnership }}**, a partnership of {{ cluster }} employers in {{ region }},
and we would value your organisation's support.

At the launch meeting employers will choose the issues they want to work on together. We ask partners from
education and training, workforce and economic development, labor, government and the community to **attend
and listen**: the agenda belongs to the employers, and there will be no presentations from partners on the day.
After the meeting we will follow up on the priorities where your organisation can help.

* **When:** {{ meeting_date }}
* **Where:** {{ meeting_place }}

Please confirm who will attend by writing to {{ contact }}.

With thanks,

{{ convener }}
"""

OUTCOMES_GUIDE = """\
## What the Outcomes Template is

Every sector partnership reports what it achieved on the same template, twice a year. One template lets the state
add results up across partnerships, and lets each partnership show its members and funders what their time
produced.

## What to count

| Outcome | Count it when | Do not count |
| --- | --- | --- |
| New training programs | A provider launched a program the partnership asked for, with learners enrolled | Programs only planned |
| Curriculum revisions | A course or program changed because employers asked | Routine updates |
| Incumbent workers trained | Employees of member companies finished training the partnership arranged | Training that would have happened anyway |
| Internships and co-ops | Placements hosted by member employers through the partnership | Placements arranged before joining |
| Youth exposure | Students reached by tours, camps, classroom visits or career fairs by members | Mailings and posters |
| Marketing plans | A campaign to attract people to the industry was produced and used | Ideas not acted on |
| Leveraged industry funding | Money or in-kind value employers put in (equipment, staff time, cash) | Public grants |

## Tips

* Record results as they happen in the portal; the report is then mostly done.
* Use whole numbers and keep the evidence (rosters, agreements, receipts) in case of review.
* If an outcome is shared with another partnership, count it in one of them only.
* Describe one success in a few sentences: stories travel further than numbers.
"""

RESOURCES = [
    # (slug, title, kind, audience, summary, body)
    (
        "sector-partnership-101",
        "Sector Partnership 101",
        "guide",
        "everyone",
        "What a sector partnership is, why it works and what each kind of stakeholder does.",
        PARTNERSHIP_101,
    ),
    (
        "launch-meeting-agenda",
        "Sample launch meeting agenda",
        "sample_agenda",
        "conveners",
        "A two-hour, employer-led launch meeting, with the partnership's details filled in for you.",
        LAUNCH_AGENDA,
    ),
    (
        "employer-invitation",
        "Sample invitation for employers",
        "sample_invitation",
        "employers",
        "An invitation to the launch meeting for the industry's employers.",
        EMPLOYER_INVITATION,
    ),
    (
        "partner-invitation",
        "Sample invitation for non-employer partners",
        "sample_invitation",
        "partners",
        "An invitation for education, workforce, economic development, labor and community partners.",
        PARTNER_INVITATION,
    ),
    (
        "outcomes-template-guide",
        "Guide to the Outcomes Template",
        "data_guide",
        "conveners",
        "What to count on the Outcomes Template, what not to, and how to keep it easy.",
        OUTCOMES_GUIDE,
    ),
]


def load(apps):
    """Create each essential resource when its slug is absent (staff edits are kept)."""
    from toolkit.documents import merge_fields_in

    Resource = apps.get_model("toolkit", "Resource")
    for slug, title, kind, audience, summary, body in RESOURCES:
        if not Resource.objects.filter(slug=slug).exists():
            Resource.objects.create(
                slug=slug,
                title=title,
                kind=kind,
                audience=audience,
                summary=summary,
                body=body,
                has_merge_fields=bool(merge_fields_in(body)),
            )
