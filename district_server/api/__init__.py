"""The HTTP API by concern, each module registering its routes on the app with the shared
``Context`` (``auth``): enrolment and time, changes, audit chains, blobs (tus uploads),
publishing, and the two HTML pages. ``district_server.app.create_app`` assembles them."""
