--
-- PostgreSQL database dump
--

-- Started on 2026-03-01 03:00:00 UTC

COPY public.customers (id, email, full_name, phone, stripe_customer_id, created_at) FROM stdin;
1	jane.doe@example.com	Jane Doe	+351912345678	cus_QaB1	2026-01-10 10:00:00+00
2	ann@example.com	Ann Lee	\N	\N	2026-01-11 10:00:00+00
\.

--
-- PostgreSQL database dump complete
--

