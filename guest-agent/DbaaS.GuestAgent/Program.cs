// The guest agent (RPCs over RabbitMQ, heartbeats, datastore plugins) is built by the instances issue.
// Until then this executable only exists so the solution has its final shape; it refuses to pretend to run.
Console.Error.WriteLine("dbaas-guest-agent: not implemented yet (it arrives with instance provisioning).");
return 64;
