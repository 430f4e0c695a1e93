--
-- PostgreSQL database dump
--

-- Started on 2026-03-02 03:00:00 UTC

COPY public.clients (client_id, first_name, last_name, email, updated_at) FROM stdin;
1	Hauke	Schmidt	hauke@example.de	2026-01-05 10:00:00+00
2	Anna Maria	van der Berg	anna.berg@example.nl	2026-01-06 10:00:00+00
\.

COPY public.cars (car_id, plate, model) FROM stdin;
7	M-AB 123	Toyota Yaris Hybrid
8	HH-CD 45	VW Golf
9	K-LM 77	Toyota Yaris Hybrid
\.

COPY public.bookings (booking_id, booking_no, client_id, car_id, pickup_at, return_at, status, price, updated_at) FROM stdin;
50	B-0999	2	9	2026-03-20 08:00:00+00	2026-03-25 08:00:00+00	confirmed	320.00	2026-02-10 10:00:00+00
51	B-0998	1	8	2026-05-20 08:00:00+00	2026-05-25 08:00:00+00	confirmed	150.00	2026-02-11 10:00:00+00
\.


--
-- PostgreSQL database dump complete
--

