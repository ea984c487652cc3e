/// The built-in SEND glossary, written for Coproduce.
///
/// One entry a line: `kind | terms | alternatives | explanation`. Terms and
/// alternatives are separated by semicolons. Kinds: acronym, acronym-word
/// (said as a word), ambiguous (means different things in different
/// services), known (needs no spelling out), jargon, deficit, complex, filler.
/// An area adds its own entries and exceptions on its settings page.
enum BuiltInGlossary {
    static let source = #"""
    # Acronyms: what they stand for, and what they are
    acronym | EHCP | education, health and care plan | A legal document that says what support a child or young person with SEND must get.
    acronym | EHC | education, health and care | The three services a plan covers.
    acronym | EHCNA | education, health and care needs assessment | The legal check of a child's needs that can lead to a plan.
    acronym-word | SEND | special educational needs and disabilities | Children and young people who need extra help to learn, or who are disabled.
    acronym-word | SEN | special educational needs | A child who needs more help to learn than most children of the same age.
    acronym-word | SENCO; SENCo | special educational needs coordinator | The teacher in a school who makes sure children with SEND get support.
    acronym-word | SENDIASS; SENDIAS | SEND information, advice and support service | A free service that gives families independent advice about SEND.
    acronym-word | IASS | information, advice and support service | A free service that gives families independent advice about SEND.
    acronym-word | CAMHS | child and adolescent mental health services | NHS services for children and young people's mental health.
    acronym | CYPMHS | children and young people's mental health services | NHS services for children and young people's mental health.
    acronym | PCF | parent carer forum | A group of parent carers who work with the council and NHS to improve services.
    acronym | NNPCF | National Network of Parent Carer Forums | The national body that brings parent carer forums together.
    acronym | LA | local authority | The council.
    acronym | ICB | integrated care board | The NHS body that plans and pays for health services in an area.
    acronym | CCG | clinical commissioning group | The NHS body that planned health services before integrated care boards.
    acronym | ICS | integrated care system | The NHS, councils and others working together in an area.
    acronym | DCO | designated clinical officer | The NHS person who makes sure health services meet the needs of children with SEND.
    acronym | DMO | designated medical officer | A doctor who makes sure health services meet the needs of children with SEND.
    acronym | ASD | autism spectrum disorder | Autism. Many autistic people prefer "autistic" or "autism" to "disorder".
    acronym | ASC | autism spectrum condition | Autism.
    acronym | ADHD | attention deficit hyperactivity disorder | A condition that affects attention, activity and impulses.
    acronym | ADD | attention deficit disorder | An older name for ADHD without hyperactivity.
    acronym | SEMH | social, emotional and mental health | Needs linked to feelings, behaviour and mental health.
    acronym | SLCN | speech, language and communication needs | Difficulty talking, understanding or communicating.
    acronym | SpLD | specific learning difficulty | A difficulty with one kind of learning, such as dyslexia.
    acronym | MLD | moderate learning difficulties | Finding most learning harder than other children of the same age.
    acronym | SLD | severe learning difficulties | Needing a lot of support with learning and everyday life.
    acronym | PMLD | profound and multiple learning difficulties | Having several disabilities as well as great difficulty learning.
    acronym | VI | visual impairment | Being blind or partially sighted.
    acronym | HI | hearing impairment | Being deaf or hard of hearing.
    acronym | MSI | multi-sensory impairment | Having both sight and hearing loss.
    acronym | PD | physical disability | A disability that affects movement or the body.
    acronym | PDA | pathological demand avoidance | A profile of autism where everyday demands cause great anxiety.
    acronym | DCD | developmental coordination disorder | Dyspraxia: difficulty with movement and coordination.
    acronym | FASD | fetal alcohol spectrum disorder | Conditions caused by alcohol before birth.
    acronym | OCD | obsessive compulsive disorder | A condition of unwanted thoughts and repeated actions.
    acronym | ARFID | avoidant restrictive food intake disorder | Eating very few foods, not because of body image.
    acronym | LD | learning disability | A lifelong condition that makes learning and everyday tasks harder.
    acronym-word | AP | alternative provision | Education outside a mainstream or special school, for example a pupil referral unit.
    acronym-word | PRU | pupil referral unit | A school for children who cannot attend a mainstream school.
    acronym | EP | educational psychologist | A psychologist who helps schools understand how a child learns.
    acronym | EPS | educational psychology service | The council's team of educational psychologists.
    acronym | SALT | speech and language therapy | Help with talking, understanding and swallowing.
    acronym | SaLT | speech and language therapy | Help with talking, understanding and swallowing.
    acronym | IEP | individual education plan | A school's plan of a child's targets and support.
    acronym | ISP | individual support plan | A plan of the support a child gets.
    acronym | PfA | preparing for adulthood | Helping young people get ready for work, independent living, friends and good health.
    acronym | EYFS | early years foundation stage | Learning and care from birth to age 5.
    acronym | KS1; KS2; KS3; KS4 | key stage | School years grouped together, for example key stage 2 is ages 7 to 11.
    acronym | NEET | not in education, employment or training | A young person who is not studying or working.
    acronym | LAC | looked-after child | A child in the care of the council.
    acronym | CLA | children looked after | Children in the care of the council.
    acronym | CIN | child in need | A child the council assesses as needing its help.
    acronym | CHC | continuing healthcare | NHS-funded care for complex health needs.
    acronym | CIC | children in care | Children in the care of the council.
    acronym | JSNA | joint strategic needs assessment | A report on the health and care needs of people in an area.
    acronym | JCB | joint commissioning board | A meeting where the council and NHS decide together what services to buy.
    acronym | SEF | self-evaluation framework | A partnership's own assessment of how well it is doing.
    acronym | WSoA | written statement of action | A plan a council and NHS must write after a poor inspection.
    acronym | APP | accelerated progress plan | A plan to improve quickly after an inspection.
    acronym | DfE | Department for Education | The government department for schools and SEND.
    acronym | DHSC | Department of Health and Social Care | The government department for health.
    acronym | CQC | Care Quality Commission | The inspector of health and social care.
    acronym | SENDIST | SEND tribunal | The court that hears appeals about EHC plans.
    acronym | LO | local offer | The council's list of services for children with SEND.
    acronym | SLA | service level agreement | A written agreement about the service one organisation gives another.
    acronym | MOU | memorandum of understanding | A written agreement about how organisations will work together.
    acronym | KPI | key performance indicator | A number used to check how well a service is doing.
    acronym | TOR; ToR | terms of reference | What a group is for, who is in it and how it works.
    acronym | AOB | any other business | Items raised at the end of a meeting.
    acronym | TAC | team around the child | The professionals working with a child, meeting together.
    acronym | TAF | team around the family | The professionals working with a family, meeting together.
    acronym | EHA | early help assessment | A check of what help a family needs early on.
    acronym | CAF | common assessment framework | An older form of early help assessment.
    acronym | DSL | designated safeguarding lead | The person in a school responsible for keeping children safe.
    acronym | HNF | high needs funding | Money for children and young people with complex SEND.
    acronym | DSG | dedicated schools grant | The government money for schools in an area.
    acronym | TA | teaching assistant | A member of staff who helps the teacher and pupils in class.
    acronym | LSA | learning support assistant | A member of staff who helps pupils with their learning.
    acronym | PEP | personal education plan | A plan for the education of a child in care.
    acronym | PB | personal budget | Money to pay for some of the support in an EHC plan.
    acronym | DP | direct payment | Money paid to a family to arrange support themselves.
    acronym | DLA | Disability Living Allowance | A benefit for the extra costs of a disabled child.
    acronym | PIP | Personal Independence Payment | A benefit for disabled people aged 16 and over.
    acronym | EBSA | emotionally based school avoidance | A child who finds it very hard to go to school because of anxiety.
    acronym | EHE | elective home education | Parents choosing to educate their child at home.
    acronym | FE | further education | College after age 16.
    acronym | HE | higher education | University.
    acronym | OOA | out of area | A school or service in another council's area.
    acronym | NMSS | non-maintained special school | A special school run by a charity.
    acronym | ISS | independent special school | A special school run privately.
    # Acronyms that mean different things in different services: ask which
    ambiguous | CP | cerebral palsy; child protection | Say which you mean.
    ambiguous | SLT | speech and language therapy; senior leadership team | Say which you mean.
    ambiguous | OT | occupational therapy; occupational therapist | Say whether you mean the therapy or the therapist.
    ambiguous | PA | personal assistant; physical activity | Say which you mean.
    ambiguous | SW | social worker; south west | Say which you mean.
    ambiguous | PT | physiotherapy; part-time | Say which you mean.
    ambiguous | SA | school action; safeguarding adult | Say which you mean.
    ambiguous | MH | mental health; medical history | Say which you mean.
    ambiguous | DS | Down syndrome; deputy superintendent | Say which you mean.
    ambiguous | HV | health visitor; home visit | Say which you mean.
    ambiguous | SN | special needs; school nurse | Say which you mean.
    ambiguous | CAT | cognitive analytic therapy; cognitive abilities test | Say which you mean.
    # Well known: no need to spell out
    known | NHS; UK; GP; GPs; BBC; TV; OK; MP; MPs; USA; EU; ID; PE; DVD; PDF; A&E; IT; AM; PM; COVID; CEO; UN
    # Jargon: the everyday words families use (seed 002, "the native tongue of SENDland")
    jargon | placement | school; place at school; the school your child goes to | Say where the child goes.
    jargon | special transport | the school bus; school taxi | Say how the child gets to school.
    jargon | accesses; accessing; accessed | goes to; uses | "Goes swimming", not "accesses a mainstream activity".
    jargon | mainstream activity; mainstream activities | club; activity | Name the activity.
    jargon | in transition; transition; transitions | moving up to a new school or college; moving on | Say what is changing.
    jargon | annual review; annual reviews | yearly meeting about the plan | The meeting once a year to check a child's EHC plan.
    jargon | siblings | brothers and sisters | Everyday words.
    jargon | intervention; interventions | help; support | Say what the help is.
    jargon | peers | friends; children of the same age | Everyday words.
    jargon | provision | support; help; school place | Say what the support is.
    jargon | cohort | group of children; year group | Everyday words.
    jargon | statutory assessment | the legal check of your child's needs | The assessment the council must carry out when asked.
    jargon | statutory | legal; required by law | Say what the law requires.
    jargon | statutory duty | legal duty; what the law says we must do | Everyday words.
    jargon | outcomes | what we want to change for your child; goals | Say what will be different.
    jargon | service users | families; children and young people; people who use the service | Name the people.
    jargon | stakeholders | people involved; families and professionals | Name the people.
    jargon | cohort of learners | group of pupils | Everyday words.
    jargon | respite | short break | A break for the family while someone else cares for the child.
    jargon | short breaks | breaks for families; clubs and activities | Say what the break is.
    jargon | graduated approach | step-by-step support in school | Schools add support step by step: assess, plan, do, review.
    jargon | assess, plan, do, review | check, plan, help, check again | The school's cycle of support.
    jargon | SEN support | extra help at school without an EHC plan | Support a school gives from its own budget.
    jargon | local offer | list of local services for children with SEND | The council's directory of services.
    jargon | co-production; coproduction | working together as equals | Families and services designing things together from the start.
    jargon | co-produce; coproduce; co-produced; coproduced | design together | Everyday words.
    jargon | engagement | talking with families; involving families | Say what you will do.
    jargon | commissioning; commission; commissioned | planning and buying services | How the council and NHS decide what services to pay for.
    jargon | commissioners | the people who plan and buy services | Everyday words.
    jargon | joint commissioning | planning and buying services together | The council and NHS deciding together.
    jargon | pathway; pathways | steps; route | Say what happens, step by step.
    jargon | care pathway | the steps to get help | Say what happens, step by step.
    jargon | caseload | the children a worker supports | Everyday words.
    jargon | thresholds; threshold | when a child can get help; the level of need | Say who can get the help.
    jargon | eligibility criteria | who can get this | Say who can get the help.
    jargon | eligible | can get | Everyday words.
    jargon | referral; referrals | asking for help for your child | Say who asks and how.
    jargon | signpost; signposted; signposting | tell you about; point you to | Everyday words.
    jargon | holistic | whole; all of your child's needs | Everyday words.
    jargon | multi-agency; multiagency | different services together | Name the services.
    jargon | multi-disciplinary; multidisciplinary | different professionals together | Name the professionals.
    jargon | key worker | named person who helps your family | The person who helps the family find their way.
    jargon | lived experience | what families have been through | Everyday words.
    jargon | voice of the child | what children tell us | Everyday words.
    jargon | person-centred | built around the person | Everyday words.
    jargon | needs-led | based on what your child needs | Everyday words.
    jargon | early help | help before things get harder | Support offered early.
    jargon | banding; bands | funding level | Say how much money and what it pays for.
    jargon | top-up funding | extra money for a pupil's support | Money the council adds for a pupil with high needs.
    jargon | element 3 | extra money for a pupil's support | Money the council adds for a pupil with high needs.
    jargon | high needs block | money for children with complex SEND | Part of the government grant to the council.
    jargon | named school; section I | the school named in the plan | Everyday words.
    jargon | sufficiency | enough school places | Say what is short.
    jargon | deliverables | what we will do; what we will produce | Say what will be done.
    jargon | workstream; workstreams | piece of work; project | Everyday words.
    jargon | governance | who decides; how decisions are made | Say who decides.
    jargon | escalate; escalated; escalation | pass to a senior manager | Say who it goes to.
    jargon | deep dive | close look | Everyday words.
    jargon | touch base | talk; get in touch | Everyday words.
    jargon | going forward | from now on; in future | Everyday words.
    jargon | best practice | what works well | Everyday words.
    jargon | key performance indicators | measures | Say what is measured.
    jargon | baseline | starting point | Everyday words.
    jargon | mechanisms; mechanism | ways; way | Say how.
    jargon | inclusion | making sure every child can take part | Say what you will do.
    jargon | reasonable adjustments | changes to make things fair for disabled people | Changes the law says must be made.
    jargon | differentiation; differentiated | teaching adapted to each child | Everyday words.
    jargon | attainment | results | Everyday words.
    jargon | progression | moving on; next steps | Everyday words.
    jargon | managed move | planned move to another school | Everyday words.
    jargon | tribunal | court for SEND appeals | Everyday words.
    jargon | mediation | meeting with a neutral person to agree | Everyday words.
    jargon | draft plan | first version of the plan | Everyday words.
    jargon | section F | the support section of the plan | The part of an EHC plan that says what support the child must get.
    jargon | section B | the needs section of the plan | The part of an EHC plan that describes the child's needs.
    # Deficit language: describe the child, not the deficit
    deficit | suffers from; suffering from; suffers with | has; lives with | Many disabled people do not see themselves as suffering.
    deficit | afflicted with; afflicted by; stricken with | has | Say what the person has, without pity.
    deficit | victim of | has; lives with | Say what the person has, without pity.
    deficit | wheelchair-bound; confined to a wheelchair | uses a wheelchair; wheelchair user | A wheelchair gives freedom; it does not confine.
    deficit | high-functioning; high functioning; low-functioning; low functioning | describe the support the person needs | Functioning labels hide needs and abilities.
    deficit | mentally handicapped; handicapped; handicap | disabled; has a learning disability | Outdated and offensive.
    deficit | retarded; mentally retarded; retard | has a learning disability | Offensive.
    deficit | special needs child; special needs children | child with SEND; disabled child | Describe the child first, not the label.
    deficit | the disabled | disabled people | Disabled people are people first.
    deficit | the handicapped | disabled people | Outdated and offensive.
    deficit | able-bodied | non-disabled | Everyday words.
    deficit | normal children; normal child | non-disabled children; other children | Disabled children are normal too.
    deficit | challenging behaviour; challenging behavior | behaviour that shows distress; distressed behaviour | Behaviour is communication.
    deficit | attention-seeking; attention seeking | seeking connection; needs attention | Describe the need, not the judgement.
    deficit | non-compliant | finds this hard; has not done this | Describe what happened.
    deficit | manipulative | describe what happened | A judgement, not a description.
    deficit | hard to reach | not yet reached; easy to miss | Services can be hard to reach, not families.
    deficit | difficult parents; difficult parent; demanding parents | parents asking for support | Parents are advocating for their child.
    deficit | deficits | needs | Describe needs and strengths.
    deficit | cripple; crippled | disabled person | Offensive.
    deficit | mongol; mongolism | has Down syndrome | Offensive.
    deficit | spastic | has cerebral palsy | Offensive.
    # Complex words: shorter ones do the same job
    complex | utilise; utilize; utilised; utilized; utilises; utilising; utilisation; utilization | use | Shorter.
    complex | commence; commenced; commences; commencing | start | Shorter.
    complex | terminate; terminated | end | Shorter.
    complex | facilitate; facilitated; facilitates; facilitating | help; run; make easier | Shorter.
    complex | endeavour; endeavor | try | Shorter.
    complex | ascertain; ascertained | find out | Shorter.
    complex | approximately | about | Shorter.
    complex | subsequently | later; then | Shorter.
    complex | prior to | before | Shorter.
    complex | in excess of | more than | Shorter.
    complex | in receipt of | get; receive | Shorter.
    complex | with regard to; in regard to; with regards to | about | Shorter.
    complex | in relation to | about | Shorter.
    complex | in respect of | about; for | Shorter.
    complex | in accordance with | under; as | Shorter.
    complex | in the event that; in the event of | if | Shorter.
    complex | on behalf of | for | Shorter.
    complex | notwithstanding | despite; even if | Shorter.
    complex | henceforth | from now on | Shorter.
    complex | therefore | so | Shorter.
    complex | however | but | Shorter.
    complex | additional | extra; more | Shorter.
    complex | assistance | help | Shorter.
    complex | demonstrate; demonstrates; demonstrated | show | Shorter.
    complex | implement; implemented; implementing; implementation | carry out; do; start | Say what will be done.
    complex | numerous | many | Shorter.
    complex | sufficient | enough | Shorter.
    complex | obtain; obtained | get | Shorter.
    complex | purchase; purchased | buy | Shorter.
    complex | require; requires; required | need; needs | Shorter.
    complex | requirement; requirements | need; needs | Shorter.
    complex | individuals | people | Shorter.
    complex | objective; objectives | aim; aims | Shorter.
    complex | optimum; optimal | best | Shorter.
    complex | methodology | method; way | Shorter.
    complex | leverage; leveraged | use | Shorter.
    complex | enhance; enhanced | improve; better | Shorter.
    complex | initiate; initiated | start | Shorter.
    complex | accordingly | so | Shorter.
    complex | consequently | so | Shorter.
    complex | nevertheless | but; even so | Shorter.
    complex | regarding | about | Shorter.
    complex | anticipate; anticipated | expect | Shorter.
    complex | disseminate; disseminated | share; send out | Shorter.
    complex | expenditure | spending | Shorter.
    complex | remuneration | pay | Shorter.
    complex | whilst | while | Shorter.
    complex | amongst | among | Shorter.
    complex | in conjunction with | with | Shorter.
    complex | at this point in time; at the present time | now | Shorter.
    complex | a number of | some; several | Say how many.
    complex | the majority of | most | Shorter.
    complex | in order to | to | Shorter.
    complex | due to the fact that; owing to the fact that | because | Shorter.
    complex | is able to; are able to | can | Shorter.
    complex | has the ability to; have the ability to | can | Shorter.
    complex | in the near future | soon | Shorter.
    complex | at an early date | soon | Shorter.
    complex | per annum | a year | Shorter.
    complex | hereby; herewith; thereof; wherein | (leave it out) | Legal words few people use.
    # Filler and weasel words: cut them or say exactly what you mean
    filler | very | (cut it, or use a stronger word) | Rarely adds meaning.
    filler | really | (cut it) | Rarely adds meaning.
    filler | quite | (cut it) | Hedges.
    filler | fairly | (cut it) | Hedges.
    filler | basically | (cut it) | Adds nothing.
    filler | actually | (cut it) | Adds nothing.
    filler | clearly | (cut it) | What is clear to you may not be clear to the reader.
    filler | obviously | (cut it) | What is obvious to you may not be obvious to the reader.
    filler | simply; just | (cut it) | Can sound as if the reader should find it easy.
    filler | it is important to note that; it should be noted that; please note that | (cut it) | Say the thing itself.
    filler | at the end of the day | (cut it) | A cliché.
    filler | for all intents and purposes | (cut it) | A cliché.
    filler | it goes without saying | (cut it) | Then don't say it.
    filler | needless to say | (cut it) | Then don't say it.
    filler | various | (say which) | Vague.
    filler | some stakeholders | (name them) | Vague.
    filler | many people say; it is said that; it is thought that; it is believed that | (say who) | Vague: say who says it.
    filler | arguably | (cut it, or give the argument) | Hedges.
    filler | relatively | (compared with what?) | Vague.
    filler | significantly | (give the number) | Vague.
    filler | robust | strong; thorough | A buzzword: say what makes it strong.
    filler | world-class | (say what is good about it) | A buzzword.
    filler | state-of-the-art | new; modern | A buzzword.
    filler | synergy; synergies | working together | A buzzword.
    filler | paradigm shift | big change | A buzzword.
    filler | moving forward | from now on | A buzzword.
    filler | on a daily basis | daily; every day | Shorter.
    filler | on a regular basis | regularly | Shorter.
    filler | in terms of | (say it directly) | Vague.
    filler | the fact that | that | Wordy.
    """#
}
